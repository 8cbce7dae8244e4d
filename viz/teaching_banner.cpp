// Teaching mode: when the run stops at a note, the note in a banner across the top of the charts,
// until space, enter or the button continues.
#include <imgui.h>

#include "viz/panels.hpp"

namespace repsim::viz {

void teaching_banner(PanelContext& c, float width, float height) {
  const auto& note = c.ctl.banner();
  if (!note) return;
  // Over the lower part of the score chart (the Poor band, rarely crossed), so the topology, the
  // story and the clock stay in view.
  const auto tiles = panel_layout(width, height);
  const Rect& chart = tiles[static_cast<int>(Panel::Reputation)];
  const float w = std::min(900.0f, chart.w * 0.9f);
  ImGui::SetNextWindowPos({chart.x + chart.w / 2, chart.y + chart.h - 24}, ImGuiCond_Always, {0.5f, 1.0f});
  ImGui::SetNextWindowSize({w, 0});
  ImGui::SetNextWindowBgAlpha(0.95f);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4{0.10f, 0.20f, 0.34f, 1.0f});
  ImGui::PushStyleColor(ImGuiCol_Border, ImVec4{0.55f, 0.82f, 1.0f, 1.0f});
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 2.0f);
  constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize;
  ImGui::Begin("##teaching", nullptr, kFlags);
  const sim::Calendar& cal = c.ctl.snapshot().calendar;
  ImGui::TextColored({0.55f, 0.82f, 1.0f, 1.0f}, "%s  -  %s", cal.short_text(note->time).c_str(),
                     note->actor.c_str());
  ImGui::PushTextWrapPos(w - 20);
  ImGui::TextUnformatted(note->text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::Spacing();
  if (ImGui::Button("Continue (space)")) c.commands.push(cmd::ContinueStory{});
  ImGui::SameLine();
  ImGui::TextDisabled("the run is paused at this note");
  ImGui::End();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor(2);
}

}  // namespace repsim::viz
