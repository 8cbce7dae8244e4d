// Delivery: for one gateway (a population summed over its members) the delivered, deferred and
// bounced answers per hour, from the gateway counters timeseries.csv holds; below, each provider's
// retry-queue depth.
#include <imgui.h>

#include "viz/colors.hpp"
#include "viz/panels.hpp"
#include "viz/time_chart.hpp"

namespace repsim::viz {
namespace {

Series summed(const SeriesStore& store, const ViewNode& n, models::Gauge gauge) {
  std::vector<const Series*> parts;
  for (const std::string& m : n.member_names) parts.push_back(&store.series({gauge, m}));
  return sum_series(parts);
}

ChartSpec base_spec(const PanelContext& c, std::string title) {
  const Snapshot& snap = c.ctl.snapshot();
  ChartSpec spec;
  spec.calendar = &snap.calendar;
  spec.t1 = snap.duration;
  spec.now = snap.now;
  spec.cursor = c.ui.cursor;
  spec.fit_values = true;
  spec.v0 = 0;
  spec.v1 = 1;
  spec.value_format = "%.0f";
  spec.integer_values = true;
  spec.title = std::move(title);
  return spec;
}

}  // namespace

void panel_delivery(PanelContext& c, const Rect& r) {
  if (!begin_tile("Delivery", r)) {
    ImGui::End();
    return;
  }
  const TopologyView& view = c.ctl.view();
  const auto gateways = view.column(models::NodeKind::Gateway);
  if (gateways.empty()) {
    ImGui::TextDisabled("no gateways");
    ImGui::End();
    return;
  }
  if (c.ui.delivery_gateway >= view.nodes().size() ||
      view.nodes()[c.ui.delivery_gateway].kind != models::NodeKind::Gateway)
    c.ui.delivery_gateway = gateways.front();
  const ViewNode& gw = view.nodes()[c.ui.delivery_gateway];
  ImGui::SetNextItemWidth(220);
  if (ImGui::BeginCombo("gateway", gw.name.c_str())) {
    for (std::uint32_t n : gateways)
      if (ImGui::Selectable(view.nodes()[n].name.c_str(), n == c.ui.delivery_gateway))
        c.ui.delivery_gateway = n;
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  if (gw.population)
    ImGui::TextDisabled("(sum of %zu members; answers per hour)", gw.members.size());
  else
    ImGui::TextDisabled("(answers per hour)");
  const SeriesStore& store = c.ctl.series();
  ChartSpec rates = base_spec(c, "");
  rates.series.push_back({"delivered/h", hourly_rate(summed(store, gw, models::Gauge::Delivered)),
                          colors::flow(FlowState::Delivering), 2.0f});
  rates.series.push_back({"deferred (4xx)/h", hourly_rate(summed(store, gw, models::Gauge::DeferredAttempts)),
                          colors::flow(FlowState::Deferred), 2.0f});
  rates.series.push_back({"bounced/h", hourly_rate(summed(store, gw, models::Gauge::Bounced)),
                          colors::flow(FlowState::Rejected), 2.0f});
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float top_h = std::max(80.0f, avail.y * 0.58f);
  if (const auto t = time_chart("##rates", rates, {avail.x, top_h})) c.ui.cursor = *t;

  ChartSpec queue = base_spec(c, "retry queue");
  std::size_t k = 0;
  for (std::uint32_t n : view.column(models::NodeKind::Provider))
    queue.series.push_back({view.nodes()[n].name, store.series({models::Gauge::Queued, view.nodes()[n].name}),
                            colors::series(k++), 2.0f, true});
  if (const auto t = time_chart("##queue", queue, ImGui::GetContentRegionAvail())) c.ui.cursor = *t;
  ImGui::End();
}

}  // namespace repsim::viz
