#include "io/timeseries_csv.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace repsim::io {

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string csv_number(double v) {
  if (std::isnan(v)) return "";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  if (v == 0) return "0";
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

std::string format_seconds(sim::Time t) {
  const bool negative = t < 0;
  // Unsigned arithmetic: -INT64_MIN does not fit a signed value.
  const std::uint64_t us = negative ? 0 - static_cast<std::uint64_t>(t) : static_cast<std::uint64_t>(t);
  std::string out = negative ? "-" : "";
  out += std::to_string(us / 1000000);
  std::uint64_t frac = us % 1000000;
  if (frac != 0) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%06llu", static_cast<unsigned long long>(frac));
    std::string digits(buf);
    while (digits.back() == '0') digits.pop_back();
    out += "." + digits;
  }
  return out;
}

std::string timeseries_csv(const sim::Metrics& metrics, const sim::Calendar& calendar, sim::Time end) {
  std::string out = "time_iso,time_s,entity,metric,value\n";
  // Rows of one sample share their time: format it once per instant, not once per gauge.
  sim::Time last = sim::kNever;
  std::string time_prefix;
  auto prefix_for = [&](sim::Time t) -> const std::string& {
    if (t != last) {
      last = t;
      time_prefix = csv_field(calendar.iso(t)) + "," + format_seconds(t) + ",";
    }
    return time_prefix;
  };
  // Entity and metric fields repeat for every sample: quote each key once.
  std::vector<std::string> key_fields;
  key_fields.reserve(metrics.gauges().size());
  for (const auto& k : metrics.gauges())
    key_fields.push_back(csv_field(k.entity) + "," + csv_field(k.name) + ",");

  for (const sim::Metrics::Sample& s : metrics.samples()) {
    out += prefix_for(s.time);
    out += key_fields[s.gauge];
    out += csv_number(s.value);
    out += '\n';
  }
  for (const auto& [key, cell] : metrics.counters()) {
    out += prefix_for(end);
    out += csv_field(key.entity) + "," + csv_field(key.name) + ",";
    out += std::to_string(*cell);
    out += '\n';
  }
  return out;
}

}  // namespace repsim::io
