// Topology: tenants | pools inside their providers | gateways | scorers, laid out from the
// Boost.Graph wiring. Pools and IPs are coloured by reputation band; each mail flow is a line
// from the tenant through the pool it leaves from to the gateway, coloured by what the mail did
// over the last window (delivering, throttled, deferred, rejected). Hover: numbers. Click: select.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "viz/colors.hpp"
#include "viz/panels.hpp"

namespace repsim::viz {
namespace {

using models::NodeKind;

struct Box {
  ImVec2 min, max;
  ImVec2 left() const { return {min.x, (min.y + max.y) / 2}; }
  ImVec2 right() const { return {max.x, (min.y + max.y) / 2}; }
  bool contains(ImVec2 p) const { return p.x >= min.x && p.x <= max.x && p.y >= min.y && p.y <= max.y; }
};

std::string title_of(const ViewNode& n) {
  return n.population ? n.name + "  x" + std::to_string(n.members.size()) : n.name;
}

std::string detail_of(const ViewNode& n, const NodeLive& live, const Snapshot& snap) {
  char buf[96] = "";
  switch (n.kind) {
    case NodeKind::Tenant:
      if (live.open_outages > 0)
        std::snprintf(buf, sizeof buf, "%u pair(s) in outage", live.open_outages);
      else
        std::snprintf(buf, sizeof buf, "sent %llu", static_cast<unsigned long long>(live.counts.sent));
      break;
    case NodeKind::Pool:
      if (snap.main_scorer != models::kNone && live.band >= 0 && !std::isnan(live.mean_score))
        std::snprintf(buf, sizeof buf, "%s  %.1f",
                      snap.scales[snap.main_scorer].bands[static_cast<std::size_t>(live.band)].c_str(),
                      live.mean_score);
      else
        std::snprintf(buf, sizeof buf, "unscored");
      break;
    case NodeKind::Gateway:
      if (std::isfinite(live.threshold))
        std::snprintf(buf, sizeof buf, "accepts >= %.1f%s", live.threshold,
                      live.open_outages ? "  (outages)" : "");
      else if (live.open_outages)
        std::snprintf(buf, sizeof buf, "%u pair(s) refused", live.open_outages);
      else
        std::snprintf(buf, sizeof buf, "delivered %llu",
                      static_cast<unsigned long long>(live.counts.delivered));
      break;
    case NodeKind::Provider:
      std::snprintf(buf, sizeof buf, "queue %zu", live.queued);
      break;
    default:
      break;
  }
  return buf;
}

void tooltip(const ViewNode& n, const NodeLive& live, const Controller& ctl) {
  ImGui::BeginTooltip();
  ImGui::Text("%s", title_of(n).c_str());
  if (n.kind == NodeKind::Tenant || n.kind == NodeKind::Gateway) {
    const LiveCounts& k = live.counts;
    ImGui::Text("sent %llu  delivered %llu", static_cast<unsigned long long>(k.sent),
                static_cast<unsigned long long>(k.delivered));
    ImGui::Text("deferred attempts %llu  bounced %llu", static_cast<unsigned long long>(k.deferred_attempts),
                static_cast<unsigned long long>(k.bounced));
    ImGui::Text("legit lost %llu  pairs in outage now %u", static_cast<unsigned long long>(k.legit_lost),
                live.open_outages);
    const auto& view = ctl.view();
    for (const FlowLive& f : ctl.snapshot().flows) {
      if (f.tenant_node != ctl.view().node_of(n.kind, n.members.front()) &&
          f.gateway_node != ctl.view().node_of(n.kind, n.members.front()))
        continue;
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::flow(f.state)),
                         "%s -> %s: %s (last hour: %llu ok, %llu 4xx, %llu 5xx)",
                         view.nodes()[f.tenant_node].name.c_str(), view.nodes()[f.gateway_node].name.c_str(),
                         std::string(flow_state_name(f.state)).c_str(),
                         static_cast<unsigned long long>(f.recent.delivered),
                         static_cast<unsigned long long>(f.recent.deferred),
                         static_cast<unsigned long long>(f.recent.rejected));
    }
  } else if (n.kind == NodeKind::Pool) {
    ImGui::Text("%zu IPs; mean score %.2f", n.ips.size(), live.mean_score);
  } else if (n.kind == NodeKind::Provider) {
    ImGui::Text("%zu messages in the retry queue", live.queued);
  }
  ImGui::TextDisabled("click: inspect");
  ImGui::EndTooltip();
}

}  // namespace

void panel_topology(PanelContext& c, const Rect& r) {
  if (!begin_tile("Topology", r)) {
    ImGui::End();
    return;
  }
  const TopologyView& view = c.ctl.view();
  const Snapshot& snap = c.ctl.snapshot();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 o = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float legend_h = ImGui::GetTextLineHeightWithSpacing();
  const ImVec2 size{avail.x, std::max(80.0f, avail.y - legend_h)};
  ImGui::InvisibleButton("##topology", size);
  const bool clicked = ImGui::IsItemClicked(ImGuiMouseButton_Left);
  const bool hovered_area = ImGui::IsItemHovered();
  const float line = ImGui::GetTextLineHeight();
  const float col_w = size.x / kTopologyColumns;
  const float node_w = std::min(190.0f, col_w * 0.78f);

  // Boxes: centred on the layout's unit-square positions; pools hold an IP strip.
  std::vector<Box> boxes(view.nodes().size());
  for (std::uint32_t i = 0; i < view.nodes().size(); ++i) {
    const ViewNode& n = view.nodes()[i];
    if (n.kind == NodeKind::Provider) continue;
    const float cx = o.x + n.x * size.x, cy = o.y + n.y * size.y;
    float h = 2 * line + 8;
    if (n.kind == NodeKind::Pool)
      h += 6 * std::ceil(static_cast<float>(std::min<std::size_t>(n.ips.size(), 128)) / 32.0f) + 4;
    boxes[i] = Box{{cx - node_w / 2, cy - h / 2}, {cx + node_w / 2, cy + h / 2}};
  }
  // Providers enclose their pools, with a header line above them.
  for (std::uint32_t i = 0; i < view.nodes().size(); ++i) {
    if (view.nodes()[i].kind != NodeKind::Pool) continue;
    const std::uint32_t p = view.nodes()[i].provider_node;
    if (p == models::kNone) continue;
    Box& b = boxes[p];
    const Box& pool = boxes[i];
    const Box grown{{pool.min.x - 6, pool.min.y - line - 8}, {pool.max.x + 6, pool.max.y + 5}};
    if (b.max.x <= b.min.x) b = grown;
    b.min = {std::min(b.min.x, grown.min.x), std::min(b.min.y, grown.min.y)};
    b.max = {std::max(b.max.x, grown.max.x), std::max(b.max.y, grown.max.y)};
  }
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  std::uint32_t hovered = models::kNone;
  for (std::uint32_t i = 0; i < boxes.size(); ++i)
    if (hovered_area && boxes[i].contains(mouse) &&
        (hovered == models::kNone || view.nodes()[i].kind != NodeKind::Provider))
      hovered = i;

  // Structural edges of the graph, thin and grey.
  for (const ViewEdge& e : view.edges()) {
    const ImVec2 a = boxes[e.from].right(), b = boxes[e.to].left();
    dl->AddBezierCubic(a, {a.x + 40, a.y}, {b.x - 40, b.y}, b, IM_COL32(255, 255, 255, 30), 1.0f);
  }
  // Provider frames behind their pools.
  for (std::uint32_t i = 0; i < view.nodes().size(); ++i) {
    const ViewNode& n = view.nodes()[i];
    if (n.kind != NodeKind::Provider || boxes[i].max.x <= boxes[i].min.x) continue;
    dl->AddRectFilled(boxes[i].min, boxes[i].max, IM_COL32(255, 255, 255, 12), 6);
    dl->AddRect(boxes[i].min, boxes[i].max,
                i == c.ui.selected_node ? colors::kSelected : IM_COL32(255, 255, 255, 70), 6, 0,
                i == c.ui.selected_node ? 2.0f : 1.0f);
    const std::string head = "provider " + n.name + "   " + detail_of(n, snap.nodes[i], snap);
    dl->AddText({boxes[i].min.x + 6, boxes[i].min.y + 3}, colors::kDimText, head.c_str());
  }
  // Flows: tenant -> pool in use -> gateway, thickness by recent volume.
  for (std::size_t k = 0; k < snap.flows.size(); ++k) {
    const FlowLive& f = snap.flows[k];
    if (f.pool_node == models::kNone) continue;
    const float spread = (static_cast<float>(k % 5) - 2.0f) * 2.5f;
    const ImVec2 a = boxes[f.tenant_node].right(), pin = boxes[f.pool_node].left(),
                 pout = boxes[f.pool_node].right();
    const ImVec2 b = boxes[f.gateway_node].left();
    const float w = f.state == FlowState::Idle
                        ? 1.0f
                        : 1.5f + std::min(5.0f, std::log10(1.0f + static_cast<float>(f.recent.total())));
    const ImU32 col = colors::flow(f.state, 200);
    const bool lit = hovered == f.tenant_node || hovered == f.gateway_node;
    dl->AddBezierCubic(a, {a.x + 50, a.y}, {pin.x - 50, pin.y + spread}, {pin.x, pin.y + spread}, col,
                       lit ? w + 2 : w);
    dl->AddBezierCubic({pout.x, pout.y + spread}, {pout.x + 50, pout.y + spread}, {b.x - 50, b.y}, b, col,
                       lit ? w + 2 : w);
  }
  // Nodes.
  for (std::uint32_t i = 0; i < view.nodes().size(); ++i) {
    const ViewNode& n = view.nodes()[i];
    if (n.kind == NodeKind::Provider) continue;
    const NodeLive& live = snap.nodes[i];
    const Box& b = boxes[i];
    ImU32 fill = colors::kNodeBg, border = IM_COL32(255, 255, 255, 60);
    const std::size_t nb = snap.main_scorer == models::kNone ? 1 : snap.scales[snap.main_scorer].bands.size();
    if (n.kind == NodeKind::Pool) fill = colors::band(live.band, nb, 110);
    if (n.kind == NodeKind::Tenant)
      fill = live.open_outages ? IM_COL32(120, 45, 45, 255) : IM_COL32(40, 80, 55, 255);
    if (n.kind == NodeKind::Gateway && live.open_outages) border = IM_COL32(230, 80, 70, 255);
    if (i == c.ui.selected_node) border = colors::kSelected;
    dl->AddRectFilled(b.min, b.max, fill, 5);
    dl->AddRect(b.min, b.max, border, 5, 0, i == c.ui.selected_node || i == hovered ? 2.5f : 1.2f);
    dl->AddText({b.min.x + 6, b.min.y + 3}, colors::kText, title_of(n).c_str());
    dl->AddText({b.min.x + 6, b.min.y + 3 + line}, colors::kDimText, detail_of(n, live, snap).c_str());
    if (n.kind == NodeKind::Pool) {
      // One square per IP (up to 128), coloured by its band at the main scorer.
      for (std::size_t k = 0; k < live.ip_band.size() && k < 128; ++k) {
        const float x = b.min.x + 6 + static_cast<float>(k % 32) * ((node_w - 12) / 32);
        const std::size_t row = k / 32;
        const float y = b.min.y + 2 * line + 8 + static_cast<float>(row) * 6;
        dl->AddRectFilled({x, y}, {x + (node_w - 12) / 32 - 1, y + 4}, colors::band(live.ip_band[k], nb));
      }
    }
  }
  if (hovered != models::kNone) tooltip(view.nodes()[hovered], snap.nodes[hovered], c.ctl);
  if (clicked) {
    c.ui.selected_node = hovered;
    if (hovered != models::kNone && view.nodes()[hovered].kind == NodeKind::Gateway)
      c.ui.delivery_gateway = hovered;
  }
  // Legend.
  for (FlowState s : {FlowState::Delivering, FlowState::Throttled, FlowState::Deferred, FlowState::Rejected,
                      FlowState::Idle}) {
    ImGui::ColorButton(std::string(flow_state_name(s)).c_str(),
                       ImGui::ColorConvertU32ToFloat4(colors::flow(s)), ImGuiColorEditFlags_NoTooltip,
                       {12, 12});
    ImGui::SameLine();
    ImGui::TextDisabled("%s", std::string(flow_state_name(s)).c_str());
    ImGui::SameLine(0, 16);
  }
  ImGui::TextDisabled("(flows over the last hour; pools and IPs by band)");
  ImGui::End();
}

}  // namespace repsim::viz
