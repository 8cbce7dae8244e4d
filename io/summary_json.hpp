#pragma once
// summary.json: the numbers of one run, per tenant, gateway, pool and IP, plus every outage.
//
// Shape (keys in this order; objects keyed by id in scenario order):
//   scenario, seed, start (ISO-8601 local), duration_s, events_handled, tenant_count,
//   tenants_grouped, gateway_count, gateways_grouped, tenants, populations, designs, gateways, pools,
//   ip_count, ips, outage_count, outages
// * tenants.<id>: sent, delivered, deferred_attempts, deferred_messages, bounced, rejected, expired,
//   filtered, queued_at_end, legit_lost (legit messages that will never arrive: rejected, expired or
//   filtered), legit_queued_at_end (legit messages still waiting in a queue when the run ended: not
//   lost yet, not delivered either), spam_accepted, delay_notices, refusal_blips (refusal streaks
//   too short to be an outage, docs/outages.md), outage_count (how many outages its pairs had),
//   outage_pair_hours (their durations summed over its (tenant, gateway) pairs: cut off from two
//   gateways for an hour counts 2, so it can exceed the run), cut_off_hours (wall-clock hours during
//   which at least one of its gateways was refusing it: never more than the run),
//   latency_s {p50, p95, p99} (whole seconds; null when nothing was delivered), by_gateway.<gw>: the
//   same fields for that pair up to outage_pair_hours (a pair's pair-hours are its cut-off hours),
//   then latency_s. Open outages count up to the end of the run; an outage is a time the pair was
//   cut off as docs/outages.md defines it (the scenario's cut_off rule).
//   Worlds of more than kMaxListedTenants tenants are grouped by population: the key is the id
//   before '#' (population members are "<population>#<k>"), fields are sums over the members,
//   latencies come from the merged histograms, "members" counts them (first), and cut_off_hours
//   gives way to members_cut_off (members cut off at least once), cut_off_member_hours (the
//   members' cut-off hours summed) and cut_off_share (cut_off_member_hours / (members x run hours));
//   tenants_grouped says so.
// * populations.<population> and designs.<pool kind> (the kind of pool each tenant sends from:
//   shared, dedicated, high_risk): members, members_cut_off, cut_off_share, legit_lost,
//   legit_queued_at_end, whatever the number of tenants (a tenant without '#' is its own population).
// * gateways.<id>: the same counters as a pair (outage fields summed over its tenants); past
//   kMaxListedGateways
//   grouped by population the same way (by_gateway keys then name the groups too).
// * pools.<id>.<scorer>: for score services, min_score / max_score / hours_in_band of the pool's
//   sampled mean score gauge (sample-based: each sample holds until the next one or the end of the
//   run; "unscored" when the pool had no scored IP), then worst_ip and worst_ip_min_score: the
//   pool's IP whose published score fell lowest and that minimum (exact; null when none was
//   scored), which the mean hides when one IP of many goes bad; for blocklists, ip_hours_listed and listings
//   summed over the pool's IPs (exact, from the event log).
// * ips.<address>: pool, scorers.<scorer>: for score services min_score / max_score (the extremes
//   of the published score, tracked by the scorer at every publication; null when never scored),
//   score_end (null when unscored) and hours_in_band {band..., unscored} of the published band,
//   exact from the event log's initial bands and band changes; for
//   blocklists listed_end, listings, hours_listed. Listed only up to kMaxListedIps IPs (ips is
//   empty beyond; pools still covers them).
// * outages: {tenant, gateway, start, end (null while still open), hours, cause}, the intervals a
//   pair was cut off (docs/outages.md: blips are left out), sorted by
//   (start, tenant, gateway); at most kMaxListedOutages entries (outage_count counts all; events.csv
//   has every outage_start / outage_end).
// Numbers: counts are integers, times in seconds are integers when whole, other values are the
// shortest round-trip doubles of the JSON library; NaN never appears (null instead).
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/run_outputs.hpp"
#include "models/ecosystem.hpp"

namespace repsim::io {

inline constexpr std::size_t kMaxListedTenants = 1000;
inline constexpr std::size_t kMaxListedGateways = 1000;
inline constexpr std::size_t kMaxListedIps = 1000;
inline constexpr std::size_t kMaxListedOutages = 1000;

// "smallbiz#17" -> "smallbiz"; an id without '#' is its own group.
std::string_view population_of(std::string_view tenant_id);

// Entities as the outputs list them: one group per entity, or, when there are more than `cap`, one
// per population (population_of), in order of first appearance.
struct Grouping {
  bool grouped = false;
  std::vector<std::string> names;      // per group
  std::vector<std::uint64_t> members;  // per group
  std::vector<std::size_t> group_of;   // per entity
};
Grouping group_entities(std::size_t count, std::size_t cap,
                        const std::function<const std::string&(std::size_t)>& name_of);
Grouping group_tenants(const models::Ecosystem& eco, std::size_t cap);

// A sim time in seconds: an integer when whole, else a double.
nlohmann::ordered_json seconds_json(sim::Time t);

// The counter fields above, in order (latency_s included, by_gateway not); `cut_off` (an object,
// or null) goes between outage_pair_hours and latency_s.
nlohmann::ordered_json counts_json(const models::DeliveryCounts& c, std::uint64_t outage_count,
                                   double outage_pair_hours, const nlohmann::ordered_json& cut_off = nullptr);

nlohmann::ordered_json outage_json(const models::OutageInterval& o, std::string_view tenant,
                                   std::string_view gateway, const sim::Calendar& calendar,
                                   sim::Time run_end);

// The run ends at the ecosystem's current time (the end of the last run_until).
nlohmann::ordered_json summary_json(const models::Ecosystem& eco, const RunInfo& info);
// Indented by two spaces, ending in a newline.
std::string summary_json_text(const models::Ecosystem& eco, const RunInfo& info);

}  // namespace repsim::io
