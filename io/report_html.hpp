#pragma once
// report.html: one self-contained page (inline SVG and CSS, no scripts, nothing fetched) that shows
// what happened: the scenario, scores per pool against the bands and gateway thresholds, delivery
// per gateway, the outages as a timeline, and the per-tenant numbers.
#include <cstddef>
#include <string>

#include "io/run_outputs.hpp"
#include "models/ecosystem.hpp"

namespace repsim::io {

// Caps that keep the page readable; what is left out is counted in a note and is in the CSV / JSON.
inline constexpr std::size_t kReportMaxSeries = 12;      // pools per score chart, gateway panels
inline constexpr std::size_t kReportMaxOutageRows = 40;  // tenant->gateway rows of the timeline
inline constexpr std::size_t kReportMaxTableRows = 200;  // beyond: tenants grouped by population

std::string report_html(const models::Ecosystem& eco, const RunInfo& info);

}  // namespace repsim::io
