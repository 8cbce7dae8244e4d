#pragma once
// Internal to the scenario loader: the state shared by its parts (ids and the dense indices they
// map to, pools and IPs, the run's clock) and the reference rules every part follows.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "io/json_reader.hpp"
#include "io/key_table.hpp"
#include "io/scenario_loader.hpp"
#include "models/ecosystem_config.hpp"

namespace repsim::io::detail {

enum class Kind : std::uint8_t { Scorer, Provider, Pool, Tenant, Gateway, Operator };

// The kind of entity an index type names (undefined for other types).
template <class Id>
struct KindOf;
template <>
struct KindOf<models::ScorerIndex> : std::integral_constant<Kind, Kind::Scorer> {};
template <>
struct KindOf<models::ProviderIndex> : std::integral_constant<Kind, Kind::Provider> {};
template <>
struct KindOf<models::PoolIndex> : std::integral_constant<Kind, Kind::Pool> {};
template <>
struct KindOf<models::TenantIndex> : std::integral_constant<Kind, Kind::Tenant> {};
template <>
struct KindOf<models::GatewayIndex> : std::integral_constant<Kind, Kind::Gateway> {};
template <>
struct KindOf<models::OperatorIndex> : std::integral_constant<Kind, Kind::Operator> {};

// The ids of one kind of entity in declaration order, and the dense indices they stand for. A
// population takes `count` consecutive indices, one per member.
class Registry {
 public:
  struct Entry {
    std::string id;
    std::uint32_t first = 0;
    std::uint32_t count = 1;
    bool population = false;
    std::string pointer;  // where it is declared, for "duplicate id" messages
  };

  Registry(std::string singular, std::string plural)
      : singular_(std::move(singular)), plural_(std::move(plural)) {}

  // Reads the id at `id_node` (non-empty, without '#', unique within the kind).
  const Entry& add(const JsonNode& id_node, std::uint32_t count, bool population);
  const Entry* find(std::string_view id) const;
  std::vector<std::string> ids() const;
  const std::vector<Entry>& entries() const { return entries_; }
  std::uint32_t size() const { return size_; }
  const std::string& singular() const { return singular_; }
  const std::string& plural() const { return plural_; }

 private:
  std::string singular_;
  std::string plural_;
  std::vector<Entry> entries_;
  std::map<std::string, std::size_t, std::less<>> by_id_;
  std::uint32_t size_ = 0;
};

// Which member each population named in one timeline entry or playbook stands for. The entry is
// read once `collecting` (every population reads as its member 0 and is recorded), then once per
// combination of members.
struct Binding {
  struct Slot {
    Kind kind;
    std::string population;
    std::uint32_t first = 0;
    std::uint32_t count = 0;
    std::uint32_t member = 0;
  };
  bool collecting = false;
  std::vector<Slot> slots;
};

// An entry naming populations expands into at most this many.
inline constexpr std::uint64_t kMaxExpansion = 1'000'000;

struct PoolInfo {
  models::ProviderIndex provider{0};
  models::IpIndex first_ip{0};
  std::uint32_t size = 0;
  models::Assignment assignment = models::Assignment::RoundRobin;
};

class LoadContext {
 public:
  explicit LoadContext(LoadedScenario& out) : out(out), config(out.config) {}

  LoadedScenario& out;
  models::EcosystemConfig& config;
  std::string file;
  const nlohmann::json* document = nullptr;  // the whole file, which a `set` action points into
  double scale = 1.0;                        // LoadOptions::scale

  // A `count` (population members) read at n and multiplied by `scale`, rounded, at least 1.
  std::uint32_t count(const JsonNode& n) const;
  // A pool size multiplied by `scale`, rounded, at least 1.
  std::uint32_t scaled(std::uint32_t n) const;

  Registry scorers{"scorer", "scorers"};
  Registry providers{"provider", "providers"};
  Registry pools{"pool", "pools"};
  Registry tenants{"tenant", "tenants"};
  Registry gateways{"gateway", "gateways"};
  Registry operators{"operator", "operators"};
  std::vector<PoolInfo> pool_info;  // by PoolIndex, filled by load_providers
  std::map<std::string, models::IpIndex, std::less<>> ip_by_address;

  Registry& registry(Kind kind);
  const Registry& registry(Kind kind) const;

  // A time inside the run, [0, duration]: "before the scenario start" / "after the scenario end".
  sim::Time time_in_run(const JsonNode& n) const;

  // One entity by id, as the index type of its kind. A member is "<population>#<k>". A population
  // id is an error without a binding; with one it reads as the member the binding assigns.
  template <class Id>
  Id ref(const JsonNode& n, Binding* binding = nullptr) const {
    return Id{ref_index(n, KindOf<Id>::value, binding)};
  }
  // Every entity an id stands for: a population means all its members.
  template <class Id>
  std::vector<Id> refs_all(const JsonNode& n) const {
    std::vector<Id> out;
    for (std::uint32_t i : refs_all_indices(n, KindOf<Id>::value)) out.push_back(Id{i});
    return out;
  }
  // IPs: a pool id (all its IPs), "<pool>#<k>" (its k-th IP) or an address from a pool's list.
  std::vector<models::IpIndex> ips(const JsonNode& n) const;
  models::IpIndex one_ip(const JsonNode& n) const;

  // [start, end) from {start, end} or {start, duration}: start is a time in the run, end a time in
  // the run after start. When neither end nor duration is given the window stays open
  // (sim::kNever) if `open_ended` allows it, else it is an error. The caller checks the keys.
  std::pair<sim::Time, sim::Time> window(const JsonNode& n, bool open_ended) const;
  // An SMTP reply code that defers (4xx) or bounces (5xx).
  static std::uint16_t failure_code(const JsonNode& n);
  // A provider fault's code: the provider bounces the message, so 5xx only (a deferral by the
  // receiver is a gateway outage).
  static std::uint16_t bounce_code(const JsonNode& n);

  // Whether provider p has a pool that is not dedicated, where rerouted mail lands (the pools loaded
  // so far).
  bool has_entry_pool(models::ProviderIndex p) const {
    for (const PoolInfo& pool : pool_info)
      if (pool.provider == p && pool.assignment != models::Assignment::Dedicated) return true;
    return false;
  }
  bool publishes_scores(models::ScorerIndex s) const {
    return config.scorers[s].publishes() == models::Publishes::Scores;
  }
  const models::ScoreScale& scale_of(models::ScorerIndex s) const { return config.scorers[s].scale(); }
  // A score on `scale`: a number inside [min, max] or a band name (that band's floor).
  double score_on(const JsonNode& n, const models::ScoreScale& scale, std::string_view what) const;

 private:
  std::uint32_t ref_index(const JsonNode& n, Kind kind, Binding* binding) const;
  std::vector<std::uint32_t> refs_all_indices(const JsonNode& n, Kind kind) const;
};

// Calls build(binding) to find the populations the entry names, then once per combination of
// their members (the first-named population varies slowest), collecting the results. `where` is
// the entry, for the size limit's error.
template <class T, class F>
std::vector<T> expand_populations(const JsonNode& where, F&& build) {
  Binding b;
  b.collecting = true;
  T first = build(b);
  if (b.slots.empty()) return {std::move(first)};
  std::uint64_t total = 1;
  for (const auto& s : b.slots) {
    total *= s.count;
    if (total > kMaxExpansion)
      where.fail("names populations whose combinations exceed " + std::to_string(kMaxExpansion) + " entries");
  }
  b.collecting = false;
  std::vector<T> out;
  out.reserve(static_cast<std::size_t>(total));
  for (std::uint64_t i = 0; i < total; ++i) {
    std::uint64_t rest = i;
    for (std::size_t k = b.slots.size(); k-- > 0;) {
      b.slots[k].member = static_cast<std::uint32_t>(rest % b.slots[k].count);
      rest /= b.slots[k].count;
    }
    out.push_back(build(b));
  }
  return out;
}

// Turns a model's std::invalid_argument into a LoadError at `where`.
template <class F>
void model_check(const JsonNode& where, F&& check) {
  try {
    check();
  } catch (const std::invalid_argument& e) {
    where.fail(e.what());
  }
}

}  // namespace repsim::io::detail
