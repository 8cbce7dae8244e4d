#include <catch2/catch.hpp>

#include "models/gauges.hpp"

using repsim::models::Gauge;
using repsim::models::gauge_key;
using Key = repsim::sim::Metrics::Key;

TEST_CASE("gauge keys spell timeseries.csv's entity and metric", "[metrics]") {
  CHECK(gauge_key({Gauge::PoolScore, "o365_shared", "senderbase"}) == Key{"o365_shared", "senderbase.score"});
  CHECK(gauge_key({Gauge::Delivered, "va"}) == Key{"va", "delivered"});
  CHECK(gauge_key({Gauge::DeferredAttempts, "va"}) == Key{"va", "deferred_attempts"});
  CHECK(gauge_key({Gauge::Bounced, "va"}) == Key{"va", "bounced"});
  CHECK(gauge_key({Gauge::AcceptFloor, "va"}) == Key{"va", "accept_floor"});
  CHECK(gauge_key({Gauge::Queued, "o365"}) == Key{"o365", "queued"});
}
