#include "io/report_html.hpp"

#include <charconv>
#include <cmath>
#include <map>
#include <vector>

#include "io/summary_json.hpp"
#include "io/svg_chart.hpp"
#include "models/gauges.hpp"

namespace repsim::io {
namespace {

using svg::escape;

constexpr const char* kPalette[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                                    "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

std::string palette(std::size_t k) { return kPalette[k % std::size(kPalette)]; }

std::string cause_color(models::BlockCause c) {
  using models::BlockCause;
  switch (c) {
    case BlockCause::Reputation:
      return "#d62728";
    case BlockCause::Blocklist:
      return "#8c564b";
    case BlockCause::Throttle:
      return "#ff7f0e";
    case BlockCause::ConnectionLimit:
      return "#9467bd";
    case BlockCause::GatewayOutage:
      return "#7f7f7f";
    case BlockCause::DnsFailure:
      return "#17becf";
    case BlockCause::ContentFilter:
      return "#e377c2";
    case BlockCause::Authentication:
      return "#bcbd22";
    case BlockCause::ProviderFault:
      return "#1f77b4";
    case BlockCause::ProviderLimit:
      return "#2ca02c";
    case BlockCause::None:
      break;
  }
  return "#aaaaaa";
}

std::string one_decimal(double v) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 1);
  return std::string(buf, r.ptr);
}

std::string note(const std::string& text) { return "<p class=\"note\">" + escape(text) + "</p>\n"; }

// Every gauge's samples as chart points, gathered in one pass.
class GaugeSeries {
 public:
  explicit GaugeSeries(const sim::Metrics& m) : points_(m.gauges().size()) {
    for (std::uint32_t k = 0; k < m.gauges().size(); ++k) index_.emplace(m.gauges()[k], k);
    for (const sim::Metrics::Sample& s : m.samples()) points_[s.gauge].push_back(svg::Point{s.time, s.value});
  }
  // Empty when the gauge does not exist.
  const std::vector<svg::Point>& get(const models::GaugeKey& key) const {
    static const std::vector<svg::Point> kNone;
    const auto it = index_.find(models::gauge_key(key));
    return it == index_.end() ? kNone : points_[it->second];
  }

 private:
  std::map<sim::Metrics::Key, std::uint32_t> index_;
  std::vector<std::vector<svg::Point>> points_;
};

// Cumulative counts -> increments per hour over each sampling interval, at the interval's end.
std::vector<svg::Point> per_hour(const std::vector<svg::Point>& cumulative) {
  std::vector<svg::Point> out;
  for (std::size_t k = 1; k < cumulative.size(); ++k) {
    const double hours = sim::to_hours(cumulative[k].t - cumulative[k - 1].t);
    if (hours > 0) out.push_back({cumulative[k].t, (cumulative[k].y - cumulative[k - 1].y) / hours});
  }
  return out;
}

bool any_finite(const std::vector<svg::Point>& points) {
  for (const svg::Point& p : points)
    if (std::isfinite(p.y)) return true;
  return false;
}

std::string score_charts(const models::Ecosystem& eco, const GaugeSeries& series, sim::Time end) {
  std::string out;
  for (models::ScorerIndex s{0}; s < eco.scorer_count(); ++s) {
    const models::Scorer& scorer = eco.scorer(s);
    if (scorer.publishes() != models::Publishes::Scores) continue;
    const models::ScoreScale& scale = scorer.scale();
    svg::TimeChart c;
    c.title = scorer.id() + ": score per pool (mean of its scored IPs)";
    c.y_label = "score";
    c.t_to = end;
    c.y_min = scale.min;
    c.y_max = scale.max;
    const std::size_t n = scale.bands.size();
    for (std::size_t b = 0; b < n; ++b) {
      const int hue = n > 1 ? static_cast<int>(120 * b / (n - 1)) : 60;  // red (worst) to green (best)
      c.shades.push_back({b == 0 ? scale.min : scale.cuts[b - 1], b + 1 == n ? scale.max : scale.cuts[b],
                          "hsl(" + std::to_string(hue) + ",70%,92%)", scale.bands[b]});
    }
    std::size_t shown = 0;
    for (const models::IpPool& pool : eco.pools()) {
      if (shown == kReportMaxSeries) break;
      c.lines.push_back({pool.id, palette(shown++), false, false,
                         series.get({models::Gauge::PoolScore, pool.id, scorer.id()})});
    }
    for (models::GatewayIndex g{0}; g < eco.gateway_count(); ++g) {
      if (eco.gateway(g).config().reputation != s) continue;
      const auto& threshold = series.get({models::Gauge::Threshold, eco.gateway_name(g)});
      if (any_finite(threshold))
        c.lines.push_back({eco.gateway_name(g) + " threshold", palette(g + 3), true, true, threshold});
    }
    out += svg::time_chart(c, eco.calendar());
    if (eco.pools().size() > kReportMaxSeries)
      out += note(std::to_string(eco.pools().size() - kReportMaxSeries) + " more pools in timeseries.csv");
  }
  if (out.empty()) out = note("No score service in this scenario.");
  return out;
}

std::string delivery_charts(const models::Ecosystem& eco, const GaugeSeries& series, sim::Time end) {
  std::string out;
  for (models::GatewayIndex g{0}; g < eco.gateway_count() && g < kReportMaxSeries; ++g) {
    const std::string& id = eco.gateway_name(g);
    svg::TimeChart c;
    c.title = id + ": messages per hour";
    c.y_label = "per hour";
    c.t_to = end;
    c.lines.push_back(
        {"delivered", "#2ca02c", false, false, per_hour(series.get({models::Gauge::Delivered, id}))});
    c.lines.push_back({"deferred attempts", "#ff7f0e", false, false,
                       per_hour(series.get({models::Gauge::DeferredAttempts, id}))});
    c.lines.push_back(
        {"bounced", "#d62728", false, false, per_hour(series.get({models::Gauge::Bounced, id}))});
    double top = 0;
    for (const svg::Line& l : c.lines)
      for (const svg::Point& p : l.points)
        if (std::isfinite(p.y)) top = std::max(top, p.y);
    // Up to the first tick at or above the peak, so the top gridline is labelled.
    const auto ticks = svg::nice_ticks(0, top > 0 ? top : 1);
    const double step = ticks.size() > 1 ? ticks[1].first - ticks[0].first : 1;
    c.y_max = std::max(step, std::ceil(top / step) * step);
    out += svg::time_chart(c, eco.calendar());
  }
  if (eco.gateway_count() > kReportMaxSeries)
    out += note(std::to_string(eco.gateway_count() - kReportMaxSeries) + " more gateways in timeseries.csv");
  return out;
}

std::string outage_timeline(const models::Ecosystem& eco, sim::Time end) {
  svg::Timeline c;
  c.title = "Outages per sender -> gateway (colour: cause)";
  c.t_to = end;
  std::map<std::pair<models::TenantIndex, models::GatewayIndex>, std::vector<svg::Bar>> rows;
  std::vector<bool> cause_seen(16, false);
  for (const models::OutageInterval& o : eco.ledger().outages()) {
    const sim::Time to = o.end == sim::kNever ? end : o.end;
    const std::string title =
        std::string(models::to_string(o.cause)) + ": " + eco.calendar().short_text(o.start) + " for " +
        one_decimal(sim::to_hours(to - o.start)) + " h" + (o.end == sim::kNever ? " (still open)" : "");
    rows[{o.tenant, o.gateway}].push_back({o.start, to, cause_color(o.cause), title});
    cause_seen[static_cast<std::size_t>(o.cause)] = true;
  }
  for (auto& [pair, bars] : rows) {
    if (c.rows.size() == kReportMaxOutageRows) break;
    c.rows.push_back({eco.tenant_name(pair.first) + " -> " + eco.gateway_name(pair.second), std::move(bars)});
  }
  for (std::size_t k = 0; k < cause_seen.size(); ++k)
    if (cause_seen[k]) {
      const auto cause = static_cast<models::BlockCause>(k);
      c.legend.emplace_back(std::string(models::to_string(cause)), cause_color(cause));
    }
  std::string out = svg::timeline_chart(c, eco.calendar());
  if (rows.empty()) out += note("No outages.");
  if (rows.size() > kReportMaxOutageRows)
    out += note(std::to_string(rows.size() - kReportMaxOutageRows) +
                " more sender -> gateway pairs in summary.json");
  return out;
}

std::string tenant_table(const models::Ecosystem& eco, sim::Time end) {
  struct Row {
    std::string name;
    std::uint64_t sent = 0, delivered = 0, bounced = 0, legit_blocked = 0, queued = 0;
    sim::Time outage = 0;
  };
  const Grouping groups = group_tenants(eco, kReportMaxTableRows);
  std::vector<Row> rows(groups.names.size());
  for (std::size_t k = 0; k < rows.size(); ++k)
    rows[k].name =
        groups.grouped ? groups.names[k] + " (" + std::to_string(groups.members[k]) + ")" : groups.names[k];
  for (models::TenantIndex t{0}; t < eco.tenant_count(); ++t) {
    Row& row = rows[groups.group_of[t]];
    const models::DeliveryCounts& c = eco.ledger().tenant(t);
    row.sent += c.sent;
    row.delivered += c.delivered;
    row.bounced += c.bounced();
    row.legit_blocked += c.legit_blocked;
    row.queued += c.queued_at_end;
  }
  for (const models::OutageInterval& o : eco.ledger().outages())
    rows[groups.group_of[o.tenant]].outage += o.duration(end);

  std::string out =
      "<table>\n<tr><th>tenant</th><th>sent</th><th>delivered</th><th>bounced</th><th>legit blocked</th>"
      "<th>queued at end</th><th>outage hours</th></tr>\n";
  for (std::size_t r = 0; r < rows.size() && r < kReportMaxTableRows; ++r) {
    const Row& row = rows[r];
    out += "<tr><td>" + escape(row.name) + "</td><td>" + std::to_string(row.sent) + "</td><td>" +
           std::to_string(row.delivered) + "</td><td>" + std::to_string(row.bounced) + "</td><td>" +
           std::to_string(row.legit_blocked) + "</td><td>" + std::to_string(row.queued) + "</td><td>" +
           one_decimal(sim::to_hours(row.outage)) + "</td></tr>\n";
  }
  out += "</table>\n";
  if (rows.size() > kReportMaxTableRows)
    out += note(std::to_string(rows.size() - kReportMaxTableRows) + " more rows in summary.json");
  return out;
}

}  // namespace

std::string report_html(const models::Ecosystem& eco, const RunInfo& info) {
  const sim::Time end = eco.simulation().now();
  const GaugeSeries series(eco.metrics());
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
      escape(info.scenario_name) +
      "</title>\n<style>\nbody{font-family:sans-serif;margin:24px;color:#222;max-width:940px}\n"
      "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}\n"
      "td:first-child,th:first-child{text-align:left}.note{color:#666;font-size:90%}svg{display:block;margin:"
      "8px 0}\n"
      "</style>\n</head>\n<body>\n";
  out += "<h1>" + escape(info.scenario_name) + "</h1>\n";
  if (!info.description.empty()) out += "<p>" + escape(info.description) + "</p>\n";
  out += "<p class=\"note\">Start " + escape(eco.calendar().iso(0)) + ", simulated " +
         escape(sim::format_duration(end)) + ", seed " + std::to_string(info.seed) + ", " +
         std::to_string(eco.simulation().events_handled()) +
         " events. Times are the scenario's local time.</p>\n";
  out += "<h2>Reputation</h2>\n" + score_charts(eco, series, end);
  out += "<h2>Delivery per gateway</h2>\n" + delivery_charts(eco, series, end);
  out += "<h2>Outages</h2>\n" + outage_timeline(eco, end);
  out += "<h2>Tenants</h2>\n" + tenant_table(eco, end);
  return out + "</body>\n</html>\n";
}

}  // namespace repsim::io
