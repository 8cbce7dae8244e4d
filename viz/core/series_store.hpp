#pragma once
// The charts' data: every gauge series the ecosystem's metrics sampled (the rows timeseries.csv
// holds), copied incrementally after each slice so panels never read the models while drawing.
#include <cstdint>
#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include "models/gauges.hpp"
#include "sim/metrics.hpp"
#include "sim/time.hpp"

namespace repsim::viz {

struct Point {
  sim::Time t;
  double v;
  bool operator==(const Point&) const = default;
};
using Series = std::vector<Point>;

class SeriesStore {
 public:
  // Copies the samples taken since the last call (gauges registered later are picked up too).
  void update(const sim::Metrics& metrics);
  void clear();

  // Gauge index of (entity, metric), as Metrics numbers them; nullopt when none.
  std::optional<std::uint32_t> find(std::string_view entity, std::string_view metric) const;
  const Series& series(std::uint32_t gauge) const { return series_[gauge]; }
  // An empty series for an unknown key.
  const Series& series(std::string_view entity, std::string_view metric) const;
  const Series& series(const models::GaugeKey& key) const {
    const sim::Metrics::Key k = models::gauge_key(key);
    return series(k.entity, k.name);
  }
  std::size_t size() const { return series_.size(); }

 private:
  std::size_t cursor_ = 0;  // samples already copied
  std::vector<Series> series_;
  std::map<sim::Metrics::Key, std::uint32_t, std::less<>> index_;
};

// Point-wise sum of series sampled at the same times (a population's members); as long as the
// shortest part.
Series sum_series(const std::vector<const Series*>& parts);
// A cumulative counter as a rate per hour: at each sample after the first, (v[k] - v[k-1]) divided
// by the hours between the two samples.
Series hourly_rate(const Series& cumulative);
// The last value at or before t (gauges are step functions between samples); nullopt before the
// first sample or when that value is NaN (an unscored pool).
std::optional<double> value_at(const Series& s, sim::Time t);

}  // namespace repsim::viz
