#include "models/gauges.hpp"

#include <string>

namespace repsim::models {

sim::Metrics::Key gauge_key(const GaugeKey& key) {
  const auto name = [&]() -> std::string {
    switch (key.gauge) {
      case Gauge::PoolScore:
        return std::string(key.scorer) + ".score";
      case Gauge::PoolMinScore:
        return std::string(key.scorer) + ".min_score";
      case Gauge::Delivered:
        return "delivered";
      case Gauge::DeferredAttempts:
        return "deferred_attempts";
      case Gauge::Bounced:
        return "bounced";
      case Gauge::AcceptFloor:
        return "accept_floor";
      case Gauge::Queued:
        return "queued";
    }
    return "unknown";
  };
  return sim::Metrics::Key{std::string(key.entity), name()};
}

}  // namespace repsim::models
