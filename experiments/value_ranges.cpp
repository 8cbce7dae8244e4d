#include "experiments/value_ranges.hpp"

#include <cmath>
#include <cstdint>
#include <string>

namespace repsim::experiments {
namespace {

bool is_integer(const io::JsonNode& n) { return n.value().is_number_integer(); }

}  // namespace

std::vector<nlohmann::json> expand_range(const io::JsonNode& range) {
  range.check_keys({"from", "to", "step"});
  const io::JsonNode from_node = range.at("from");
  const io::JsonNode to_node = range.at("to");
  const io::JsonNode step_node = range.at("step");
  const double from = from_node.number();
  const double to = to_node.number();
  const double step = step_node.number();
  if (step == 0) step_node.fail("step must not be 0");
  if ((to - from) * step < 0)
    step_node.fail("step " + io::format_number(step) + " leads away from 'to' (" + io::format_number(from) +
                   " -> " + io::format_number(to) + "): its sign must be that of to - from");
  // The tolerance absorbs binary fractions: (0.3 - 0.1) / 0.1 is 1.9999999999999998.
  const double steps = std::floor((to - from) / step + 1e-9);
  if (steps + 1 > static_cast<double>(kMaxValuesPerEntry))
    range.fail(io::format_number(steps + 1) + " values is more than " + std::to_string(kMaxValuesPerEntry) +
               " (check 'step')");
  const auto count = static_cast<std::size_t>(steps) + 1;
  std::vector<nlohmann::json> out;
  out.reserve(count);
  if (is_integer(from_node) && is_integer(to_node) && is_integer(step_node)) {
    const auto f = from_node.value().get<std::int64_t>();
    const auto s = step_node.value().get<std::int64_t>();
    for (std::size_t i = 0; i < count; ++i) out.emplace_back(f + static_cast<std::int64_t>(i) * s);
    return out;
  }
  for (std::size_t i = 0; i < count; ++i) {
    double v = from + static_cast<double>(i) * step;
    if (i + 1 == count && std::fabs(v - to) <= 1e-9 * std::fabs(step)) v = to;
    out.emplace_back(v);
  }
  return out;
}

std::vector<nlohmann::json> expand_log_range(const io::JsonNode& log_range) {
  log_range.check_keys({"from", "to", "points"});
  const io::JsonNode from_node = log_range.at("from");
  const io::JsonNode to_node = log_range.at("to");
  const double from = from_node.number();
  const double to = to_node.number();
  if (!(from > 0)) from_node.fail("log_range needs from > 0, got " + io::format_number(from));
  if (!(to > 0)) to_node.fail("log_range needs to > 0, got " + io::format_number(to));
  const auto points = static_cast<std::size_t>(log_range.at("points").unsigned_in(2, kMaxValuesPerEntry));
  const double lo = std::log10(from);
  const double span = std::log10(to) - lo;
  std::vector<nlohmann::json> out;
  out.reserve(points);
  out.emplace_back(from);
  for (std::size_t i = 1; i + 1 < points; ++i)
    out.emplace_back(std::pow(10.0, lo + static_cast<double>(i) * span / static_cast<double>(points - 1)));
  out.emplace_back(to);
  return out;
}

}  // namespace repsim::experiments
