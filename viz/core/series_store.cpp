#include "viz/core/series_store.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace repsim::viz {

void SeriesStore::update(const sim::Metrics& metrics) {
  const auto& keys = metrics.gauges();
  for (auto g = static_cast<std::uint32_t>(series_.size()); g < keys.size(); ++g) {
    series_.emplace_back();
    index_.emplace(keys[g], g);
  }
  const auto& samples = metrics.samples();
  for (; cursor_ < samples.size(); ++cursor_) {
    const sim::Metrics::Sample& s = samples[cursor_];
    series_[s.gauge].push_back(Point{s.time, s.value});
  }
}

void SeriesStore::clear() {
  cursor_ = 0;
  series_.clear();
  index_.clear();
}

std::optional<std::uint32_t> SeriesStore::find(std::string_view entity, std::string_view metric) const {
  const auto it = index_.find(sim::Metrics::Key{std::string(entity), std::string(metric)});
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

const Series& SeriesStore::series(std::string_view entity, std::string_view metric) const {
  static const Series kEmpty;
  const auto g = find(entity, metric);
  return g ? series_[*g] : kEmpty;
}

Series sum_series(const std::vector<const Series*>& parts) {
  Series out;
  if (parts.empty()) return out;
  std::size_t n = parts.front()->size();
  for (const Series* p : parts) n = std::min(n, p->size());
  out.reserve(n);
  for (std::size_t k = 0; k < n; ++k) {
    double sum = 0;
    for (const Series* p : parts) sum += (*p)[k].v;
    out.push_back(Point{(*parts.front())[k].t, sum});
  }
  return out;
}

Series hourly_rate(const Series& c) {
  Series out;
  for (std::size_t k = 1; k < c.size(); ++k) {
    const sim::Time dt = c[k].t - c[k - 1].t;
    if (dt <= 0) continue;
    out.push_back(Point{c[k].t, (c[k].v - c[k - 1].v) / sim::to_hours(dt)});
  }
  return out;
}

std::optional<double> value_at(const Series& s, sim::Time t) {
  const auto it =
      std::upper_bound(s.begin(), s.end(), t, [](sim::Time x, const Point& p) { return x < p.t; });
  if (it == s.begin()) return std::nullopt;
  const double v = std::prev(it)->v;
  if (std::isnan(v)) return std::nullopt;
  return v;
}

}  // namespace repsim::viz
