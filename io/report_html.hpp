#pragma once
// report.html: one self-contained page (inline SVG and CSS, no scripts, nothing fetched) that shows
// what happened, for a design review or a class: the scenario and its notes, the story, scores per
// pool (mean and worst IP) against the bands and the gateways' acceptance floors, delivery per
// gateway, the outages as a timeline (worst pairs first), with scripted actions, operators'
// decisions and faults marked on every chart; per population and per design who was cut off; the
// per-tenant numbers; a glossary of every figure.
#include <cstddef>
#include <string>

#include "io/run_outputs.hpp"
#include "models/ecosystem.hpp"

namespace repsim::io {

// Caps that keep the page readable; what is left out is counted in a note and is in the CSV / JSON.
inline constexpr std::size_t kReportMaxSeries = 12;      // gateway panels
inline constexpr std::size_t kReportMaxPools = 6;        // pools per score chart (mean and worst IP each)
inline constexpr std::size_t kReportMaxFloors = 4;       // gateways' "accepts >=" lines per score chart
inline constexpr std::size_t kReportMaxOutageRows = 40;  // tenant->gateway rows of the timeline, worst first
inline constexpr std::size_t kReportMaxMarkers = 40;     // actions and faults marked on the charts
// Delivery charts cap their y axis at 1.2 x this percentile of their values when the peak is more
// than kReportSpikeRatio times it (the end-of-run queue flush), marking the points above.
inline constexpr double kReportCapPercentile = 0.95;
inline constexpr double kReportSpikeRatio = 3.0;
// ... and when the peak is at least this many an hour: a chart of a few messages an hour is read
// as it is, its "spikes" are single messages.
inline constexpr double kReportCapMinPeak = 100.0;
inline constexpr std::size_t kReportMaxTableRows = 200;  // beyond: tenants grouped by population

std::string report_html(const models::Ecosystem& eco, const RunInfo& info);

}  // namespace repsim::io
