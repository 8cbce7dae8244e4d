#pragma once
// What `repsim compare` measures in one finished run, per entity, read from the world itself (the
// ledger and its outage intervals), not from summary.json, so the figures do not depend on how
// the summary names its fields. Lower is better for every measure.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/ecosystem.hpp"
#include "sim/time.hpp"

namespace repsim::experiments {

enum class CompareMeasure : std::uint8_t {
  // Tenant: wall-clock hours during which at least one of its gateways had it cut off (the union
  // of its outages, models/cut_off_time.hpp). Gateway: hours during which it had at least one
  // tenant cut off (the union of its outages). A population: the sum over its members.
  CutOffHours,
  // Legit messages that never arrived (rejected, expired or filtered: legit_lost) plus legit
  // messages still queued at the end of the run (legit_queued_at_end).
  LostOrQueued,
  // The 95th percentile of delivered mail's latency, created -> delivered, in seconds (a
  // population's and a gateway's from the merged histogram); absent when nothing was delivered.
  LatencyP95,
};
inline constexpr std::size_t kCompareMeasures = 3;
inline constexpr std::array<CompareMeasure, kCompareMeasures> kAllCompareMeasures{
    CompareMeasure::CutOffHours, CompareMeasure::LostOrQueued, CompareMeasure::LatencyP95};

// The CSV name: cut_off_hours, lost_or_queued, latency_p95_s.
std::string_view measure_name(CompareMeasure m);

struct EntityMeasures {
  std::string kind;  // "tenant", "population", "gateway", "gateway_population"
  std::string id;    // a population's id is its members' id before '#'
  std::array<std::optional<double>, kCompareMeasures> values;
};

// Single tenants and tenant populations in order of first appearance, then gateways and gateway
// populations the same way. `run_end` closes outages still open.
std::vector<EntityMeasures> measure_run(const models::Ecosystem& world, sim::Time run_end);

}  // namespace repsim::experiments
