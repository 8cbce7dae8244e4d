#pragma once
// The ecosystem's gauges (sampled every sample_every into timeseries.csv) as typed keys. The
// ecosystem registers them and the readers (summary, report, visualizer) find them through
// gauge_key(), the one place that spells their names.
#include <cstdint>
#include <string_view>

#include "sim/metrics.hpp"

namespace repsim::models {

enum class Gauge : std::uint8_t {
  PoolScore,         // a pool: the mean published score of its scored IPs at one scorer (NaN: none)
  PoolMinScore,      // a pool: its worst scored IP's published score at that scorer (NaN: none)
  Delivered,         // a gateway: cumulative counts of its ledger
  DeferredAttempts,  //
  Bounced,           //
  // A gateway: the lowest score it accepts (models/accept_floor.hpp: its threshold and its policy
  // table together; NaN when it accepts every score, has no reputation service or accepts none).
  AcceptFloor,
  Queued,  // a provider: messages waiting in its queues
};

struct GaugeKey {
  Gauge gauge;
  std::string_view entity;       // the pool, gateway or provider id
  std::string_view scorer = {};  // PoolScore, PoolMinScore: the scorer id
};

// The sim::Metrics key, i.e. timeseries.csv's entity and metric: {pool, "<scorer>.score"},
// {pool, "<scorer>.min_score"}, {gateway, "delivered"}, ..., {gateway, "accept_floor"},
// {provider, "queued"}.
sim::Metrics::Key gauge_key(const GaugeKey& key);

}  // namespace repsim::models
