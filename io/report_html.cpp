#include "io/report_html.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <vector>

#include "io/population_figures.hpp"
#include "io/story.hpp"
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

// A y axis that keeps the story visible: the end-of-run queue flush (thousands an hour for a few
// samples) would otherwise flatten the hundreds an hour of deferrals before it. The top is the
// highest value unless that is at least kReportCapMinPeak and more than kReportSpikeRatio times the
// kReportCapPercentile of all the chart's values, in which case it is 1.2 times that percentile and
// the points above are clipped (marked, their values in the marks' titles).
struct AxisCap {
  double top = 0;
  double peak = 0;
  bool clipped = false;
};
AxisCap capped_top(const std::vector<svg::Line>& lines) {
  std::vector<double> values;
  for (const svg::Line& l : lines)
    for (const svg::Point& p : l.points)
      if (std::isfinite(p.y)) values.push_back(p.y);
  AxisCap cap;
  if (values.empty()) return cap;
  std::sort(values.begin(), values.end());
  cap.peak = values.back();
  const auto rank = static_cast<std::size_t>(kReportCapPercentile * static_cast<double>(values.size() - 1));
  const double high = values[rank];
  cap.clipped = high > 0 && cap.peak >= kReportCapMinPeak && cap.peak > kReportSpikeRatio * high;
  cap.top = cap.clipped ? 1.2 * high : cap.peak;
  return cap;
}

std::string score_charts(const models::Ecosystem& eco, const GaugeSeries& series, sim::Time end,
                         const std::vector<svg::Marker>& markers) {
  std::string out;
  for (models::ScorerIndex s{0}; s < eco.scorer_count(); ++s) {
    const models::Scorer& scorer = eco.scorer(s);
    if (scorer.publishes() != models::Publishes::Scores) continue;
    const models::ScoreScale& scale = scorer.scale();
    svg::TimeChart c;
    c.title = scorer.id() + ": score per pool (mean of its scored IPs, and its worst IP)";
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
    // Each pool twice: its mean, and dotted in the same colour its worst IP, which the mean hides
    // (one compromised IP among many good ones).
    std::size_t shown = 0;
    for (const models::IpPool& pool : eco.pools()) {
      if (shown == kReportMaxPools) break;
      const std::string color = palette(shown++);
      c.lines.push_back({pool.id + " mean", color, false, false,
                         series.get({models::Gauge::PoolScore, pool.id, scorer.id()})});
      if (pool.ips.size() > 1)
        c.lines.push_back({pool.id + " worst IP", color, true, false,
                           series.get({models::Gauge::PoolMinScore, pool.id, scorer.id()})});
    }
    std::size_t floors = 0;
    for (models::GatewayIndex g{0}; g < eco.gateway_count(); ++g) {
      if (eco.gateway(g).config().reputation != s) continue;
      const auto& floor = series.get({models::Gauge::AcceptFloor, eco.gateway_name(g)});
      if (!any_finite(floor)) continue;
      if (floors++ == kReportMaxFloors) break;
      c.lines.push_back({eco.gateway_name(g) + " accepts >=", "#333", true, true, floor});
    }
    c.markers = markers;
    out += svg::time_chart(c, eco.calendar());
    if (eco.pools().size() > kReportMaxPools)
      out += note(std::to_string(eco.pools().size() - kReportMaxPools) + " more pools in timeseries.csv");
  }
  if (out.empty()) out = note("No score service in this scenario.");
  return out;
}

std::string delivery_charts(const models::Ecosystem& eco, const GaugeSeries& series, sim::Time end,
                            const std::vector<svg::Marker>& markers) {
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
    const AxisCap cap = capped_top(c.lines);
    // Up to the first tick at or above the top, so the top gridline is labelled.
    const auto ticks = svg::nice_ticks(0, cap.top > 0 ? cap.top : 1);
    const double step = ticks.size() > 1 ? ticks[1].first - ticks[0].first : 1;
    c.y_max = std::max(step, std::ceil(cap.top / step) * step);
    c.markers = markers;
    if (cap.clipped)
      c.title += " (axis capped at " + one_decimal(c.y_max) + ": peak " + one_decimal(cap.peak) +
                 ", points above marked with triangles)";
    out += svg::time_chart(c, eco.calendar());
  }
  if (eco.gateway_count() > kReportMaxSeries)
    out += note(std::to_string(eco.gateway_count() - kReportMaxSeries) + " more gateways in timeseries.csv");
  return out;
}

// The moments people acted or faults began and ended, numbered in time order: scripted actions (the
// timeline, the visualizer's what-ifs), operators' decisions, and fault windows.
struct Marked {
  std::vector<svg::Marker> markers;
  std::string list;  // the numbered list under the charts' section
};

bool marked(const models::Event& e) {
  using models::ActorKind;
  using models::EventKind;
  if (e.kind == EventKind::GatewayOutage || e.kind == EventKind::ProviderFault ||
      e.kind == EventKind::FaultEnd)
    return true;
  return e.actor.kind == ActorKind::Timeline || e.actor.kind == ActorKind::WhatIf ||
         e.actor.kind == ActorKind::Operator;
}

std::string marker_color(const models::Event& e) {
  using models::EventKind;
  if (e.kind == EventKind::GatewayOutage || e.kind == EventKind::ProviderFault ||
      e.kind == EventKind::FaultEnd)
    return "#d62728";
  return e.actor.kind == models::ActorKind::Operator ? "#6a3d9a" : "#444444";
}

Marked mark_events(const models::Ecosystem& eco) {
  Marked m;
  std::size_t hidden = 0;
  for (const models::Event& e : eco.event_log()) {
    if (!marked(e)) continue;
    if (m.markers.size() == kReportMaxMarkers) {
      ++hidden;
      continue;
    }
    const std::string_view actor = eco.actor_name(e.actor);
    const std::string what = (actor.empty() ? "" : std::string(actor) + " ") +
                             std::string(models::event_kind_name(e.kind)) +
                             (e.text.empty() ? "" : ": " + e.text);
    const std::string label = std::to_string(m.markers.size() + 1);
    const std::string when = eco.calendar().short_text(e.time);
    m.markers.push_back({e.time, label, marker_color(e), label + ". " + when + " " + what});
    m.list += "<li><span style=\"color:" + marker_color(e) + "\">" + escape(when) + "</span> " +
              escape(what) + "</li>\n";
  }
  if (m.list.empty()) return m;
  m.list =
      "<p>Marked on the charts (dotted lines, numbered): grey scripted actions, purple operators' "
      "decisions, red faults starting or ending.</p>\n<ol class=\"markers\">\n" +
      m.list + "</ol>\n";
  if (hidden) m.list += note("… and " + std::to_string(hidden) + " more actions and faults in events.csv");
  return m;
}

std::string outage_timeline(const models::Ecosystem& eco, sim::Time end,
                            const std::vector<svg::Marker>& markers) {
  svg::Timeline c;
  c.title = "Outages per sender -> gateway, longest first (colour: cause)";
  c.t_to = end;
  c.markers = markers;
  struct PairRow {
    models::TenantIndex tenant;
    models::GatewayIndex gateway;
    sim::Time hours = 0;
    std::vector<svg::Bar> bars;
  };
  std::map<std::pair<models::TenantIndex, models::GatewayIndex>, PairRow> rows;
  std::vector<bool> cause_seen(16, false);
  for (const models::OutageInterval& o : eco.ledger().outages()) {
    const sim::Time to = o.end == sim::kNever ? end : o.end;
    const std::string title =
        std::string(models::to_string(o.cause)) + ": " + eco.calendar().short_text(o.start) + " for " +
        one_decimal(sim::to_hours(to - o.start)) + " h" + (o.end == sim::kNever ? " (still open)" : "");
    PairRow& row = rows[{o.tenant, o.gateway}];
    row.tenant = o.tenant;
    row.gateway = o.gateway;
    row.hours += to - o.start;
    row.bars.push_back({o.start, to, cause_color(o.cause), title});
    cause_seen[static_cast<std::size_t>(o.cause)] = true;
  }
  // The worst pairs first, so a fold hides the least; ties in (tenant, gateway) order.
  std::vector<PairRow*> sorted;
  for (auto& [key, row] : rows) sorted.push_back(&row);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const PairRow* a, const PairRow* b) { return a->hours > b->hours; });
  sim::Time folded_time = 0;
  for (std::size_t k = 0; k < sorted.size(); ++k) {
    PairRow& row = *sorted[k];
    if (k >= kReportMaxOutageRows) {
      folded_time += row.hours;
      continue;
    }
    c.rows.push_back({eco.tenant_name(row.tenant) + " -> " + eco.gateway_name(row.gateway) + " (" +
                          one_decimal(sim::to_hours(row.hours)) + " h)",
                      std::move(row.bars)});
  }
  if (sorted.size() > kReportMaxOutageRows)
    c.rows.push_back({"… and " + std::to_string(sorted.size() - kReportMaxOutageRows) + " more pairs, " +
                          one_decimal(sim::to_hours(folded_time)) + " pair-hours in all",
                      {}});
  for (std::size_t k = 0; k < cause_seen.size(); ++k)
    if (cause_seen[k]) {
      const auto cause = static_cast<models::BlockCause>(k);
      c.legend.emplace_back(std::string(models::to_string(cause)), cause_color(cause));
    }
  std::string out = svg::timeline_chart(c, eco.calendar());
  if (rows.empty()) out += note("No outages.");
  return out;
}

std::string percent(double share) { return one_decimal(100 * share) + "%"; }

std::string cell(const std::string& text) { return "<td>" + escape(text) + "</td>"; }

// Per population and per design (the kind of pool a tenant sends from): who was cut off, for what
// share of their hours, and the legit mail they lost or left waiting.
std::string groups_table(const models::Ecosystem& eco, const Grouping& g, const std::string& what,
                         sim::Time end) {
  const std::vector<GroupFigures> figures = group_figures(eco, g, end);
  std::string out = "<table>\n<tr><th>" + escape(what) +
                    "</th><th>members</th><th>members cut off</th><th>share of member-hours cut off</th>"
                    "<th>legit lost</th><th>legit queued at end</th><th>outage pair-hours</th></tr>\n";
  for (std::size_t k = 0; k < figures.size() && k < kReportMaxTableRows; ++k) {
    const GroupFigures& f = figures[k];
    out += "<tr>" + cell(g.names[k]) + cell(std::to_string(f.members)) +
           cell(std::to_string(f.members_cut_off)) + cell(percent(f.cut_off_share(end))) +
           cell(std::to_string(f.counts.legit_lost)) + cell(std::to_string(f.counts.legit_queued_at_end)) +
           cell(one_decimal(sim::to_hours(f.outage_pair_time))) + "</tr>\n";
  }
  out += "</table>\n";
  if (figures.size() > kReportMaxTableRows)
    out +=
        note("… and " + std::to_string(figures.size() - kReportMaxTableRows) + " more rows in summary.json");
  return out;
}

std::string tenant_table(const models::Ecosystem& eco, sim::Time end) {
  const Grouping groups = group_tenants(eco, kReportMaxTableRows);
  const std::vector<GroupFigures> figures = group_figures(eco, groups, end);
  std::string out =
      "<table>\n<tr><th>tenant</th><th>sent</th><th>delivered</th><th>bounced</th><th>legit lost</th>"
      "<th>legit queued at end</th><th>queued at end</th><th>outages</th><th>outage pair-hours</th><th>" +
      std::string(groups.grouped ? "share of member-hours cut off" : "cut-off hours") + "</th></tr>\n";
  for (std::size_t r = 0; r < figures.size() && r < kReportMaxTableRows; ++r) {
    const GroupFigures& f = figures[r];
    const models::DeliveryCounts& c = f.counts;
    const std::string name =
        groups.grouped ? groups.names[r] + " (" + std::to_string(groups.members[r]) + ")" : groups.names[r];
    out += "<tr>" + cell(name) + cell(std::to_string(c.sent)) + cell(std::to_string(c.delivered)) +
           cell(std::to_string(c.bounced())) + cell(std::to_string(c.legit_lost)) +
           cell(std::to_string(c.legit_queued_at_end)) + cell(std::to_string(c.queued_at_end)) +
           cell(std::to_string(f.outage_count)) + cell(one_decimal(sim::to_hours(f.outage_pair_time))) +
           cell(groups.grouped ? percent(f.cut_off_share(end)) : one_decimal(sim::to_hours(f.cut_off_time))) +
           "</tr>\n";
  }
  out += "</table>\n";
  if (figures.size() > kReportMaxTableRows)
    out +=
        note("… and " + std::to_string(figures.size() - kReportMaxTableRows) + " more rows in summary.json");
  return out;
}

// ---- Who hurt whom (attribution: whose mail or spam cost which co-tenants their delivery) ----
// Reserved for the collateral figures (summary.json's collateral, collateral.csv) and their heat
// map, which are added separately: this renders nothing until then.
std::string who_hurt_whom(const models::Ecosystem& /*eco*/, sim::Time /*end*/) { return {}; }

std::string glossary() {
  static const char* const kTerms[][2] = {
      {"band",
       "A reputation service's named score range (e.g. Poor, Neutral, Good), shaded on the score charts. "
       "Gateways decide by band: a Good-only gateway defers everything below Good."},
      {"4xx vs 5xx",
       "An SMTP reply's class. 4xx is temporary (\"try again later\"): the mail stays in the "
       "sender's queue. 5xx is permanent: the mail is returned to the sender at once."},
      {"deferral vs bounce",
       "A deferral is a 4xx: the message waits and is retried, and bounces only when its "
       "queue lifetime expires. A bounce (an NDR to the sender) is a 5xx rejection or an "
       "expiry. deferred attempts count replies; deferred messages count mail deferred at "
       "least once."},
      {"outage",
       "A time a (sender, gateway) pair was cut off: its legit mail refused without a delivery for at "
       "least the scenario's cut-off rule (docs/outages.md). Shorter streaks are refusal blips."},
      {"outage pair-hours",
       "Outage durations summed over a sender's (sender, gateway) pairs: cut off from two "
       "gateways for an hour counts 2. Measures how much routing was broken; it can exceed "
       "the run."},
      {"cut-off hours",
       "Wall-clock hours during which at least one of the sender's gateways was refusing it. "
       "Never longer than the run."},
      {"members cut off, share of member-hours",
       "For a population (tenants named population#k): how many "
       "members were cut off at least once, and their cut-off hours "
       "summed over members x run hours."},
      {"design",
       "The kind of IP pool a tenant sends from: shared (co-tenants share IPs and reputation), "
       "dedicated (its own IP), high_risk."},
      {"legit lost",
       "Legit messages that will never arrive: rejected (5xx), expired in a queue, or filtered by "
       "the provider's outbound filter."},
      {"legit queued at end",
       "Legit messages still waiting in a queue when the run ended: not lost yet, not "
       "delivered either."},
      {"worst IP",
       "The lowest published score among a pool's IPs at each sample, drawn dotted beside the "
       "pool's mean, which hides one bad IP among good ones."},
      {"accepts >=",
       "The lowest score a gateway accepts: its threshold and its policy table together (a "
       "Good-only table accepts from the Good band's floor)."},
      {"refusal blip", "A streak of refused legit attempts too short to be an outage."},
  };
  std::string out = "<dl>\n";
  for (const auto& term : kTerms) out += "<dt>" + escape(term[0]) + "</dt><dd>" + escape(term[1]) + "</dd>\n";
  return out + "</dl>\n";
}

}  // namespace

std::string report_html(const models::Ecosystem& eco, const RunInfo& info) {
  const sim::Time end = eco.simulation().now();
  const GaugeSeries series(eco.metrics());
  const Marked marked = mark_events(eco);
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
      escape(info.scenario_name) +
      "</title>\n<style>\nbody{font-family:sans-serif;margin:24px;color:#222;max-width:940px}\n"
      "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}\n"
      "td:first-child,th:first-child{text-align:left}.note{color:#666;font-size:90%}svg{display:block;margin:"
      "8px 0}\npre{background:#f6f6f6;padding:8px;overflow-x:auto;font-size:85%}dt{font-weight:bold}\n"
      "</style>\n</head>\n<body>\n";
  out += "<h1>" + escape(info.scenario_name) + "</h1>\n";
  if (!info.description.empty()) out += "<p>" + escape(info.description) + "</p>\n";
  out += "<p class=\"note\">Start " + escape(eco.calendar().iso(0)) + ", simulated " +
         escape(sim::format_duration(end)) + ", seed " + std::to_string(info.seed) + ", " +
         std::to_string(eco.simulation().events_handled()) +
         " events. Times are the scenario's local time.</p>\n";
  if (!info.notes.empty()) {
    out += "<h2>Notes</h2>\n<ul class=\"notes\">\n";
    for (const std::string& n : info.notes) out += "<li>" + escape(n) + "</li>\n";
    out += "</ul>\n";
  }
  out += "<h2>Story</h2>\n<pre class=\"story\">" + escape(story(eco)) + "</pre>\n";
  out += "<h2>Reputation</h2>\n" + marked.list + score_charts(eco, series, end, marked.markers);
  out += "<h2>Delivery per gateway</h2>\n" + delivery_charts(eco, series, end, marked.markers);
  out += "<h2>Outages</h2>\n" + outage_timeline(eco, end, marked.markers);
  out += "<h2>Populations and designs</h2>\n" +
         groups_table(eco, group_by_population(eco), "population", end) +
         groups_table(eco, group_by_design(eco), "design", end);
  out += who_hurt_whom(eco, end);
  out += "<h2>Tenants</h2>\n" + tenant_table(eco, end);
  out += "<h2>Glossary</h2>\n" + glossary();
  return out + "</body>\n</html>\n";
}

}  // namespace repsim::io
