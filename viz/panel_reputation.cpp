// Reputation: each pool's score over time at each score service (the pool gauges timeseries.csv
// holds), the service's bands shaded, and every gateway's acceptance line (the lowest score its
// policy and threshold accept) as a dashed step line.
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "viz/colors.hpp"
#include "viz/panels.hpp"
#include "viz/time_chart.hpp"

namespace repsim::viz {

void panel_reputation(PanelContext& c, const Rect& r) {
  if (!begin_tile("Reputation", r)) {
    ImGui::End();
    return;
  }
  const Snapshot& snap = c.ctl.snapshot();
  const TopologyView& view = c.ctl.view();
  const models::ScorerIndex s = snap.main_scorer;
  if (s == models::kNone || !snap.publishes_scores[s]) {
    ImGui::TextDisabled("no score service in this scenario");
    ImGui::End();
    return;
  }
  const models::ScoreScale& scale = snap.scales[s];
  std::string scorer_id;
  for (const ViewNode& n : view.nodes())
    if (n.kind == models::NodeKind::Scorer && n.members.front() == s) scorer_id = n.name;

  ChartSpec spec;
  spec.calendar = &snap.calendar;
  spec.t0 = 0;
  spec.t1 = snap.duration;
  spec.v0 = scale.min;
  spec.v1 = scale.max;
  spec.now = snap.now;
  spec.cursor = c.ui.cursor;
  spec.title = scorer_id + " score";
  for (std::size_t b = 0; b < scale.bands.size(); ++b) {
    const double lo = b == 0 ? scale.min : scale.cuts[b - 1];
    const double hi = b + 1 == scale.bands.size() ? scale.max : scale.cuts[b];
    spec.bands.push_back(
        ChartBand{lo, hi, colors::band(static_cast<int>(b), scale.bands.size(), 34), scale.bands[b]});
  }
  std::size_t colour = 0;
  for (std::uint32_t n : view.column(models::NodeKind::Pool)) {
    const ViewNode& pool = view.nodes()[n];
    ChartSeries series{"pool " + pool.name,
                       c.ctl.series().series({models::Gauge::PoolScore, pool.name, scorer_id}),
                       colors::series(colour++), 2.5f, true};
    if (n == c.ui.selected_node) series.thickness = 4.0f;
    spec.series.push_back(std::move(series));
  }
  // Gateways with the same line share one label ("va, prime accepts >="), in gateway order.
  struct Group {
    std::vector<std::pair<sim::Time, double>> key;
    std::string label;
    const Series* floor;
  };
  std::vector<Group> groups;
  for (const AcceptLine& line : snap.accept_lines) {
    if (line.scorer != s) continue;
    bool any = false;
    std::vector<std::pair<sim::Time, double>> key;
    for (const Point& p : line.floor) {
      key.emplace_back(p.t, std::isnan(p.v) ? -1e300 : p.v);
      any = any || !std::isnan(p.v);
    }
    if (!any) continue;
    const std::string& name = view.nodes()[line.gateway_node].name;
    auto it = std::find_if(groups.begin(), groups.end(), [&](const Group& g) { return g.key == key; });
    if (it == groups.end())
      groups.push_back(Group{std::move(key), name, &line.floor});
    else
      it->label += ", " + name;
  }
  for (std::size_t k = 0; k < groups.size(); ++k)
    spec.series.push_back(ChartSeries{groups[k].label + " accepts >=", *groups[k].floor,
                                      colors::series(3 + k), 1.6f, true, true});
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  if (const auto t = time_chart("##reputation", spec, avail)) c.ui.cursor = *t;
  ImGui::End();
}

}  // namespace repsim::viz
