// What-if: change a gateway's threshold, allowlist a tenant, reroute a tenant, restore a score.
// Each becomes timeline actions of actor "viz" at the current simulated time (through the command
// queue), so the story logs them, a restart replays them, and --record saves them.
#include <imgui.h>

#include <string>

#include "viz/panels.hpp"

namespace repsim::viz {
namespace {

using models::kNone;
using models::NodeKind;

struct Choice {
  int kind = 0;
  std::uint32_t gateway = kNone, tenant = kNone, pool = kNone;
  std::uint32_t provider_node = kNone, scorer_node = kNone;
  float value = 0;
};

// A combo over the view's nodes of one kind; `none_label` adds a kNone entry first.
void node_combo(const char* label, const TopologyView& view, NodeKind kind, std::uint32_t& chosen,
                const char* none_label = nullptr) {
  const auto nodes = view.column(kind);
  if (chosen == kNone && !none_label && !nodes.empty()) chosen = nodes.front();
  auto name = [&](std::uint32_t n) {
    if (n == kNone) return std::string(none_label ? none_label : "-");
    const ViewNode& v = view.nodes()[n];
    return v.population ? v.name + " (all " + std::to_string(v.members.size()) + ")" : v.name;
  };
  ImGui::SetNextItemWidth(200);
  if (ImGui::BeginCombo(label, name(chosen).c_str())) {
    if (none_label && ImGui::Selectable(none_label, chosen == kNone)) chosen = kNone;
    for (std::uint32_t n : nodes)
      if (ImGui::Selectable(name(n).c_str(), n == chosen)) chosen = n;
    ImGui::EndCombo();
  }
}

void score_slider(const char* label, float& value, const models::ScoreScale& scale) {
  ImGui::SetNextItemWidth(200);
  ImGui::SliderFloat(label, &value, static_cast<float>(scale.min), static_cast<float>(scale.max), "%.1f");
  for (std::size_t b = 1; b < scale.bands.size(); ++b) {
    ImGui::SameLine();
    if (ImGui::SmallButton(scale.bands[b].c_str())) value = static_cast<float>(scale.cuts[b - 1]);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("the lowest score of band %s", scale.bands[b].c_str());
  }
}

}  // namespace

void panel_whatif(PanelContext& c, const Rect& r) {
  if (!begin_tile("What-if", r)) {
    ImGui::End();
    return;
  }
  static Choice ch;
  const TopologyView& view = c.ctl.view();
  const Snapshot& snap = c.ctl.snapshot();
  ImGui::RadioButton("threshold", &ch.kind, 0);
  ImGui::SameLine();
  ImGui::RadioButton("allowlist", &ch.kind, 1);
  ImGui::SameLine();
  ImGui::RadioButton("reroute", &ch.kind, 2);
  ImGui::SameLine();
  ImGui::RadioButton("restore score", &ch.kind, 3);

  WhatIfRequest req;
  req.kind = static_cast<WhatIfKind>(ch.kind);
  const models::ScoreScale* scale = snap.main_scorer != kNone ? &snap.scales[snap.main_scorer] : nullptr;
  switch (req.kind) {
    case WhatIfKind::SetThreshold:
      node_combo("gateway", view, NodeKind::Gateway, ch.gateway);
      for (const AcceptLine& l : snap.accept_lines)
        if (l.gateway_node == ch.gateway) scale = &snap.scales[l.scorer];
      if (scale) score_slider("accept scores >=", ch.value, *scale);
      req.gateway_node = ch.gateway;
      break;
    case WhatIfKind::Allowlist:
      node_combo("gateway", view, NodeKind::Gateway, ch.gateway);
      node_combo("tenant", view, NodeKind::Tenant, ch.tenant);
      req.gateway_node = ch.gateway;
      req.tenant_node = ch.tenant;
      break;
    case WhatIfKind::Reroute:
      node_combo("tenant", view, NodeKind::Tenant, ch.tenant);
      node_combo("to gateway", view, NodeKind::Gateway, ch.gateway, "(every gateway)");
      node_combo("through provider", view, NodeKind::Provider, ch.provider_node);
      req.tenant_node = ch.tenant;
      req.gateway_node = ch.gateway;
      if (ch.provider_node != kNone)
        req.provider = models::ProviderIndex{view.nodes()[ch.provider_node].members.front()};
      break;
    case WhatIfKind::RestoreScore:
      node_combo("scorer", view, NodeKind::Scorer, ch.scorer_node);
      node_combo("pool", view, NodeKind::Pool, ch.pool, "(every IP)");
      if (ch.scorer_node != kNone) {
        req.scorer = models::ScorerIndex{view.nodes()[ch.scorer_node].members.front()};
        scale = &snap.scales[req.scorer];
      }
      if (scale) score_slider("score", ch.value, *scale);
      req.pool_node = ch.pool;
      break;
  }
  req.value = static_cast<double>(ch.value);
  const std::string apply = "Apply at " + snap.calendar.short_text(snap.now);
  if (ImGui::Button(apply.c_str())) c.commands.push(cmd::WhatIf{req});
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("scheduled as a timeline action of actor 'viz' one microsecond from now");
  ImGui::SameLine();
  if (ImGui::Button("Forget all")) c.commands.push(cmd::ForgetWhatIfs{});
  ImGui::SameLine();
  if (c.ctl.record_path().empty())
    ImGui::TextDisabled("(--record FILE saves them)");
  else
    ImGui::TextDisabled("recording to %s", c.ctl.record_path().c_str());
  ImGui::BeginChild("##whatifs", {0, 0}, true);
  if (snap.whatifs.empty()) ImGui::TextDisabled("no what-ifs yet");
  for (const std::string& w : snap.whatifs) ImGui::TextColored({1.0f, 0.75f, 0.35f, 1.0f}, "%s", w.c_str());
  ImGui::EndChild();
  ImGui::End();
}

}  // namespace repsim::viz
