// Story: the scenario's description and notes, then the folded event story (the one `repsim run`
// prints), newest first. Notes and what-ifs stand out; a click moves the charts' cursor there.
#include <imgui.h>

#include "viz/panels.hpp"

namespace repsim::viz {

void panel_story(PanelContext& c, const Rect& r) {
  if (!begin_tile("Story", r)) {
    ImGui::End();
    return;
  }
  const io::ScenarioRun& sc = c.ctl.session().run();
  if (ImGui::CollapsingHeader((sc.config().name + ": about this scenario").c_str())) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(sc.description().c_str());
    for (const std::string& n : sc.notes()) ImGui::BulletText("%s", n.c_str());
    ImGui::PopTextWrapPos();
  }
  if (c.ui.cursor) {
    ImGui::TextDisabled("cursor: %s", c.ctl.snapshot().calendar.short_text(*c.ui.cursor).c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton("clear cursor")) c.ui.cursor.reset();
  }
  ImGui::BeginChild("##story", {0, 0}, false);
  const auto& items = c.ctl.story();
  for (std::size_t k = items.size(); k-- > 0;) {
    const StoryItem& it = items[k];
    ImGui::PushID(static_cast<int>(k));
    const bool at_cursor = c.ui.cursor && *c.ui.cursor == it.t;
    ImVec4 colour{0.85f, 0.85f, 0.88f, 1.0f};
    if (it.text.find("outage") != std::string::npos) colour = {0.95f, 0.62f, 0.55f, 1.0f};
    if (it.note) colour = {0.55f, 0.82f, 1.0f, 1.0f};
    if (it.whatif) colour = {1.0f, 0.75f, 0.35f, 1.0f};
    // A selectable as tall as the wrapped line, with the line drawn over it.
    const std::string line = it.when + "  " + it.text;
    const float wrap = ImGui::GetContentRegionAvail().x;
    const ImVec2 size = ImGui::CalcTextSize(line.c_str(), nullptr, false, wrap);
    const ImVec2 pos = ImGui::GetCursorPos();
    if (ImGui::Selectable("##line", at_cursor, 0, {0, size.y})) c.ui.cursor = it.t;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("click: move the charts' cursor to %s", it.when.c_str());
    ImGui::SetCursorPos(pos);
    ImGui::PushTextWrapPos(pos.x + wrap);
    ImGui::TextColored(colour, "%s", line.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopID();
  }
  if (items.empty()) ImGui::TextDisabled("nothing has happened yet: press Play");
  ImGui::EndChild();
  ImGui::End();
}

}  // namespace repsim::viz
