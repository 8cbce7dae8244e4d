#pragma once
// Inline SVG charts for the HTML report, drawn from plain data: a time chart (lines over shaded
// horizontal bands) and a timeline (bars per row). The x axis is simulated time labelled in the
// scenario's local time. Output is deterministic text: coordinates with one decimal, no locale.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/calendar.hpp"
#include "sim/time.hpp"

namespace repsim::io::svg {

// Text for HTML or SVG content and attribute values: & < > " ' escaped.
std::string escape(std::string_view text);
// A coordinate with one decimal ("12.5"), locale-independent.
std::string coord(double v);

struct Tick {
  sim::Time t;
  std::string label;  // "Thu 10" at local midnight, "06:00" otherwise
};
// Ticks at local-clock multiples of the smallest step in {1, 2, 3, 6, 12 h, 1, 2, 7 d} that gives at
// most max_ticks ticks in [from, to].
std::vector<Tick> time_ticks(const sim::Calendar& calendar, sim::Time from, sim::Time to,
                             std::size_t max_ticks = 12);

// Ticks at multiples of 1, 2 or 5 x 10^k covering [lo, hi] with about `target` steps, as
// (value, label) pairs; labels carry as many decimals as the step needs.
std::vector<std::pair<double, std::string>> nice_ticks(double lo, double hi, int target = 5);

struct Point {
  sim::Time t;
  double y;  // NaN or infinite: a gap in the line
};
struct Line {
  std::string label;
  std::string color;
  bool dashed = false;
  bool step = false;  // hold each value until the next point (thresholds change in steps)
  std::vector<Point> points;
};
struct Shade {
  double from = 0;  // y range
  double to = 0;
  std::string color;
  std::string label;
};
// A moment marked on a chart (a scripted action, an operator's decision, a fault's start or end):
// a dotted vertical line labelled at the top; the title says what happened (shown on hover).
struct Marker {
  sim::Time t = 0;
  std::string label;  // short: "3"
  std::string color;
  std::string title;
};
struct TimeChart {
  std::string title;
  std::string y_label;
  sim::Time t_from = 0;
  sim::Time t_to = 0;
  double y_min = 0;
  double y_max = 1;
  std::vector<Shade> shades;
  std::vector<Line> lines;
  std::vector<Marker> markers;
};
// One <svg> element, 900 x 260, legend on the right. Points above y_max are drawn at the top edge
// and marked with a small triangle whose title gives the true value: a capped axis shows it cut.
std::string time_chart(const TimeChart& chart, const sim::Calendar& calendar);

struct Bar {
  sim::Time from = 0;
  sim::Time to = 0;
  std::string color;
  std::string title;  // shown on hover
};
struct Row {
  std::string label;
  std::vector<Bar> bars;
};
struct Timeline {
  std::string title;
  sim::Time t_from = 0;
  sim::Time t_to = 0;
  std::vector<Row> rows;
  std::vector<std::pair<std::string, std::string>> legend;  // (label, color)
  std::vector<Marker> markers;
};
// One <svg> element, 900 wide, 20 px per row.
std::string timeline_chart(const Timeline& chart, const sim::Calendar& calendar);

}  // namespace repsim::io::svg
