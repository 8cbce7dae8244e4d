#pragma once
// What the panels draw, copied out of the ecosystem after each frame's slices: live counters of
// each topology node (the ledger's, summed over a population), the state of each mail flow, the
// inspector's rows for the selected node, and the acceptance line of each gateway. Panels read
// this and the SeriesStore only.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "models/ecosystem.hpp"
#include "models/score_scale.hpp"
#include "sim/calendar.hpp"
#include "viz/core/flow_state.hpp"
#include "viz/core/series_store.hpp"
#include "viz/core/topology_view.hpp"

namespace repsim::viz {

struct LiveCounts {
  std::uint64_t sent = 0, delivered = 0, deferred_attempts = 0, bounced = 0, filtered = 0;
  std::uint64_t legit_lost = 0, spam_accepted = 0, delay_notices = 0, refusal_blips = 0;
  void add(const models::DeliveryCounts& c);
};

struct NodeLive {
  LiveCounts counts;               // tenants and gateways
  std::uint32_t open_outages = 0;  // (tenant, gateway) pairs of this node now refused
  std::vector<int> ip_band;        // pools: band index per IP at the main scorer, -1 unscored
  int band = -1;                   // pools: the band most of its IPs are in
  double mean_score = 0;           // pools: over scored IPs
  std::size_t queued = 0;          // providers: messages in the retry queue
  double threshold = 0;            // gateways: the first member's threshold (+inf: none)
};

// Mail of one (tenant node, gateway node) pair of the view, with the pool it leaves from now.
struct FlowLive {
  std::uint32_t tenant_node, gateway_node, pool_node;
  FlowCounts total;   // since the start
  FlowCounts recent;  // over the FlowWindow
  FlowState state = FlowState::Idle;
};

// The score a gateway group accepts from, over time (NaN where it accepts every score or none).
struct AcceptLine {
  std::uint32_t gateway_node;
  models::ScorerIndex scorer;
  Series floor;
};

struct InspectorOutage {
  std::string pair;      // "contractor->va"
  sim::Time start, end;  // end kNever: still open
  std::string cause;
};

struct Inspector {
  std::string title;
  std::vector<std::pair<std::string, std::string>> rows;
  std::vector<InspectorOutage> outages;  // newest first, at most kInspectorOutages
  std::size_t outage_count = 0;          // all of them
  double outage_hours = 0;               // summed, open ones up to now
};
inline constexpr std::size_t kInspectorOutages = 200;

struct Snapshot {
  sim::Time now = 0;
  std::uint64_t events = 0;  // handled so far
  // Fixed for a run, copied once so panels need no model to label and scale their charts.
  sim::Calendar calendar;
  sim::Time duration = 0;
  std::vector<models::ScoreScale> scales;  // by scorer
  std::vector<bool> publishes_scores;      // by scorer: publishes scores (else listings)

  models::ScorerIndex main_scorer = models::kNone;  // the pools' colour: the first that publishes scores
  std::vector<NodeLive> nodes;                      // by view node
  std::vector<FlowLive> flows;
  std::vector<AcceptLine> accept_lines;
  Inspector inspector;
  std::vector<std::string> whatifs;  // the session's what-ifs, as the panel lists them
};

// The flows' cumulative counts by (tenant node, gateway node), for the FlowWindow.
struct FlowTotals {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> keys;  // sorted
  std::vector<FlowCounts> counts;
};
FlowTotals flow_totals(const models::Ecosystem& eco, const TopologyView& view);

// The pool new mail of `tenant` to `gateway` leaves from: the tenant's own pool while it uses its
// own provider, else the first shared pool of the provider it was rerouted to (where Reroute puts it).
models::PoolIndex current_pool(const models::Ecosystem& eco, models::TenantIndex tenant,
                               models::GatewayIndex gateway);

class SnapshotBuilder {
 public:
  // `window` has already recorded totals; `selected` is a view node or kNone.
  void build(const models::Ecosystem& eco, const TopologyView& view, const SeriesStore& series,
             const FlowWindow& window, const FlowTotals& totals, std::uint32_t selected, Snapshot& out);

 private:
  void build_accept_lines(const models::Ecosystem& eco, const TopologyView& view, const SeriesStore& series,
                          Snapshot& out);
};

Inspector inspect(const models::Ecosystem& eco, const TopologyView& view, const Snapshot& snap,
                  std::uint32_t node);

}  // namespace repsim::viz
