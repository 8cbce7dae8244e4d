// Inspector: the selected node's live counters (the ledger's) and the outage intervals of its
// (tenant, gateway) pairs, newest first; a click on an outage moves the cursor to its start.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "viz/panels.hpp"

namespace repsim::viz {
namespace {

// "Wed 09 13:45": the table is narrow and the month rarely changes within a scenario.
std::string short_when(const sim::Calendar& cal, sim::Time t) {
  const sim::LocalTime lt = cal.local(t);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3s %02d %02d:%02d", std::string(sim::weekday_name(lt.weekday)).c_str(),
                lt.day, lt.hour, lt.minute);
  return buf;
}

}  // namespace

void panel_inspector(PanelContext& c, const Rect& r) {
  if (!begin_tile("Inspector", r)) {
    ImGui::End();
    return;
  }
  const Inspector& in = c.ctl.snapshot().inspector;
  const sim::Calendar& cal = c.ctl.snapshot().calendar;
  if (in.title.empty()) {
    ImGui::TextDisabled("click a node of the topology to inspect it");
    ImGui::End();
    return;
  }
  ImGui::TextColored({1.0f, 0.86f, 0.4f, 1.0f}, "%s", in.title.c_str());
  const float half = ImGui::GetContentRegionAvail().x * (in.outage_count ? 0.47f : 1.0f);
  ImGui::BeginChild("##rows", {half, 0}, false);
  if (ImGui::BeginTable("##counters", 2, ImGuiTableFlags_RowBg)) {
    float label_w = 0;
    for (const auto& row : in.rows) label_w = std::max(label_w, ImGui::CalcTextSize(row.first.c_str()).x);
    ImGui::TableSetupColumn("k", ImGuiTableColumnFlags_WidthFixed, label_w + 4);
    ImGui::TableSetupColumn("v", ImGuiTableColumnFlags_WidthStretch);
    for (const auto& [k, v] : in.rows) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%s", k.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(v.c_str());
    }
    ImGui::EndTable();
  }
  ImGui::EndChild();
  if (in.outage_count == 0) {
    ImGui::End();
    return;
  }
  ImGui::SameLine();
  ImGui::BeginChild("##outages", {0, 0}, false);
  ImGui::Text("outages: %zu, %.1f h in all", in.outage_count, in.outage_hours);
  if (in.outage_count > in.outages.size()) {
    ImGui::SameLine();
    ImGui::TextDisabled("(newest %zu shown)", in.outages.size());
  }
  if (ImGui::BeginTable(
          "##outage_table", 4,
          ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("pair", ImGuiTableColumnFlags_WidthStretch, 1.9f);
    ImGui::TableSetupColumn("from", ImGuiTableColumnFlags_WidthStretch, 1.6f);
    ImGui::TableSetupColumn("hours", ImGuiTableColumnFlags_WidthStretch, 1.25f);
    ImGui::TableSetupColumn("cause", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableHeadersRow();
    const sim::Time now = c.ctl.snapshot().now;
    for (std::size_t k = 0; k < in.outages.size(); ++k) {
      const InspectorOutage& o = in.outages[k];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::PushID(static_cast<int>(k));
      if (ImGui::Selectable(o.pair.c_str(), c.ui.cursor && *c.ui.cursor == o.start,
                            ImGuiSelectableFlags_SpanAllColumns))
        c.ui.cursor = o.start;
      ImGui::PopID();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(short_when(cal, o.start).c_str());
      ImGui::TableNextColumn();
      const double hours = sim::to_hours((o.end == sim::kNever ? now : o.end) - o.start);
      if (o.end == sim::kNever)
        ImGui::TextColored({1.0f, 0.5f, 0.45f, 1.0f}, "%.1f open", hours);
      else
        ImGui::Text("%.1f", hours);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(o.cause.c_str());
    }
    ImGui::EndTable();
  }
  ImGui::EndChild();
  ImGui::End();
}

}  // namespace repsim::viz
