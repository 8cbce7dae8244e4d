#pragma once
// Our small time-series chart on ImDrawList (ImPlot is not packaged in Debian 12): a local-time
// axis, several series, shaded band regions, horizontal-step lines (thresholds), the current time,
// a cursor, and a hover read-out of every series at the mouse's time.
#include <imgui.h>

#include <optional>
#include <string>
#include <vector>

#include "sim/calendar.hpp"
#include "viz/core/series_store.hpp"

namespace repsim::viz {

struct ChartSeries {
  std::string label;
  Series points;
  ImU32 color;
  float thickness = 2.0f;
  bool step = false;    // hold each value until the next sample (gauges, thresholds)
  bool dashed = false;  // thresholds
};

struct ChartBand {
  double lo, hi;
  ImU32 color;
  std::string label;
};

struct ChartSpec {
  const sim::Calendar* calendar = nullptr;
  sim::Time t0 = 0, t1 = sim::kHour;
  double v0 = 0, v1 = 1;
  bool fit_values = false;  // stretch [v0, v1] to the data (v0 stays when it is 0)
  std::vector<ChartBand> bands;
  std::vector<ChartSeries> series;
  sim::Time now = 0;
  std::optional<sim::Time> cursor;
  const char* value_format = "%.1f";
  bool integer_values = false;  // counts: no ticks between whole numbers
  std::string title;            // drawn at the top left of the plot, before the legend
};

// Fills `size` at the cursor position. Returns the time clicked, if any.
std::optional<sim::Time> time_chart(const char* id, const ChartSpec& spec, ImVec2 size);

}  // namespace repsim::viz
