#include "io/summary_json.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <tuple>
#include <utility>
#include <vector>

#include "io/population_figures.hpp"
#include "models/gauges.hpp"

namespace repsim::io {
namespace {

using json = nlohmann::ordered_json;
using models::DeliveryCounts;
using models::Ecosystem;

bool is_blocklist(const Ecosystem& eco, models::ScorerIndex s) {
  return eco.scorer(s).publishes() == models::Publishes::Listings;
}

// Counts and outages of one gateway group or (tenant group, gateway group) pair.
struct Cell {
  DeliveryCounts counts;
  std::uint64_t outage_count = 0;
  sim::Time outage_pair_time = 0;

  void add(const models::OutageInterval& o, sim::Time end) {
    ++outage_count;
    outage_pair_time += o.duration(end);
  }
};

json cell_json(const Cell& c, const Grouping& g, std::size_t group) {
  json j;
  if (g.grouped) j["members"] = g.members[group];
  j.update(counts_json(c.counts, c.outage_count, sim::to_hours(c.outage_pair_time)));
  return j;
}

// A tenant's (or population's) cut-off figures, placed after its outage_pair_hours.
json cut_off_json(const GroupFigures& f, bool grouped, sim::Time end) {
  json j;
  if (!grouped) {
    j["cut_off_hours"] = sim::to_hours(f.cut_off_time);
    return j;
  }
  j["members_cut_off"] = f.members_cut_off;
  j["cut_off_member_hours"] = sim::to_hours(f.cut_off_time);
  j["cut_off_share"] = f.cut_off_share(end);
  return j;
}

json tenants_json(const Ecosystem& eco, const Grouping& tg, const Grouping& gg, sim::Time end) {
  const models::Ledger& ledger = eco.ledger();
  const std::vector<GroupFigures> figures = group_figures(eco, tg, end);
  std::map<std::pair<std::size_t, std::size_t>, Cell> pairs;  // (tenant group, gateway group)
  for (const auto& [t, g] : ledger.pairs())
    pairs[{tg.group_of[t], gg.group_of[g]}].counts.add(ledger.pair(t, g));
  for (const models::OutageInterval& o : ledger.outages())
    pairs[{tg.group_of[o.tenant], gg.group_of[o.gateway]}].add(o, end);
  std::vector<json> by_gateway(tg.names.size(), json::object());
  for (const auto& [key, cell] : pairs)
    by_gateway[key.first][gg.names[key.second]] = cell_json(cell, gg, key.second);
  json out = json::object();
  for (std::size_t k = 0; k < tg.names.size(); ++k) {
    const GroupFigures& f = figures[k];
    json entry;
    if (tg.grouped) entry["members"] = tg.members[k];
    entry.update(counts_json(f.counts, f.outage_count, sim::to_hours(f.outage_pair_time),
                             cut_off_json(f, tg.grouped, end)));
    entry["by_gateway"] = std::move(by_gateway[k]);
    out[tg.names[k]] = std::move(entry);
  }
  return out;
}

// Populations or designs: members, how many were cut off and for what share of their hours, and
// the legit mail they lost or left queued.
json groups_json(const Ecosystem& eco, const Grouping& g, sim::Time end) {
  const std::vector<GroupFigures> figures = group_figures(eco, g, end);
  json out = json::object();
  for (std::size_t k = 0; k < g.names.size(); ++k) {
    const GroupFigures& f = figures[k];
    json j;
    j["members"] = f.members;
    j["members_cut_off"] = f.members_cut_off;
    j["cut_off_share"] = f.cut_off_share(end);
    j["legit_lost"] = f.counts.legit_lost;
    j["legit_queued_at_end"] = f.counts.legit_queued_at_end;
    out[g.names[k]] = std::move(j);
  }
  return out;
}

json gateways_json(const Ecosystem& eco, const Grouping& gg, sim::Time end) {
  std::vector<Cell> cells(gg.names.size());
  for (models::GatewayIndex g{0}; g < eco.gateway_count(); ++g)
    cells[gg.group_of[g]].counts.add(eco.ledger().gateway(g));
  for (const models::OutageInterval& o : eco.ledger().outages()) cells[gg.group_of[o.gateway]].add(o, end);
  json out = json::object();
  for (std::size_t k = 0; k < gg.names.size(); ++k) out[gg.names[k]] = cell_json(cells[k], gg, k);
  return out;
}

// Time spent per published band (index bands.size() = unscored) or listed, per IP, replayed from the
// event log: it records the initial band and every change of the published view, so this is exact.
struct IpHistory {
  std::vector<sim::Time> in_band;
  std::size_t band = 0;
  sim::Time since = 0;
  std::uint64_t listings = 0;
};

std::vector<std::vector<IpHistory>> ip_histories(const Ecosystem& eco, sim::Time end) {
  const std::size_t ips = eco.ips().size();
  std::vector<std::vector<IpHistory>> h(eco.scorer_count());
  for (models::ScorerIndex s{0}; s < eco.scorer_count(); ++s) {
    // Blocklists have two states: 0 = not listed, 1 = listed. Score services: bands, then unscored.
    const std::size_t states = is_blocklist(eco, s) ? 2 : eco.scorer(s).scale().bands.size() + 1;
    const std::size_t initial = is_blocklist(eco, s) ? models::kUnlisted : states - 1;
    h[s].assign(ips, IpHistory{std::vector<sim::Time>(states, 0), initial, 0, 0});
  }

  auto move_to = [](IpHistory& ip, std::size_t state, sim::Time t) {
    ip.in_band[ip.band] += t - ip.since;
    ip.band = state;
    ip.since = t;
  };
  for (const models::Event& e : eco.event_log()) {
    const bool band = e.kind == models::EventKind::InitialBand || e.kind == models::EventKind::BandChange;
    if (!band && !models::is_listing(e.kind)) continue;
    IpHistory& ip = h[e.scorer][e.ip];
    if (e.kind == models::EventKind::Listed) ++ip.listings;
    move_to(ip, e.to, e.time);  // a band's index, or kUnlisted / kListed
  }
  for (auto& per_scorer : h)
    for (IpHistory& ip : per_scorer) move_to(ip, ip.band, std::max(end, ip.since));
  return h;
}

json bands_json(const models::ScoreScale& scale, const std::vector<sim::Time>& in_band) {
  json out;
  for (std::size_t b = 0; b < scale.bands.size(); ++b) out[scale.bands[b]] = sim::to_hours(in_band[b]);
  out["unscored"] = sim::to_hours(in_band[scale.bands.size()]);
  return out;
}

json ips_json(const Ecosystem& eco, const std::vector<std::vector<IpHistory>>& hist) {
  json out = json::object();
  if (eco.ips().size() > kMaxListedIps) return out;
  for (models::IpIndex i{0}; i < eco.ips().size(); ++i) {
    json scorers = json::object();
    for (models::ScorerIndex s{0}; s < eco.scorer_count(); ++s) {
      const models::Scorer& scorer = eco.scorer(s);
      const IpHistory& h = hist[s][i];
      json entry;
      if (is_blocklist(eco, s)) {
        entry["listed_end"] = scorer.listed(i);
        entry["listings"] = h.listings;
        entry["hours_listed"] = sim::to_hours(h.in_band[1]);
      } else {
        const auto range = scorer.published_range(i);
        entry["min_score"] = range ? json(range->min) : json(nullptr);
        entry["max_score"] = range ? json(range->max) : json(nullptr);
        const auto score = scorer.standing(i).score;
        entry["score_end"] = score ? json(*score) : json(nullptr);
        entry["hours_in_band"] = bands_json(scorer.scale(), h.in_band);
      }
      scorers[scorer.id()] = std::move(entry);
    }
    json ip;
    ip["pool"] = eco.pools()[eco.ips()[i].pool].id;
    ip["scorers"] = std::move(scorers);
    out[eco.ips()[i].address] = std::move(ip);
  }
  return out;
}

// Pool score gauges: min / max of the sampled values and time per band, each sample held until the
// next sample of the same gauge (the last one until the end of the run). One pass over the samples.
struct GaugeStats {
  const models::ScoreScale* scale = nullptr;  // null: not a pool score gauge
  double min = NAN;
  double max = NAN;
  std::vector<sim::Time> in_band;
  const sim::Metrics::Sample* held = nullptr;

  void credit(sim::Time until) {
    if (!held || until <= held->time) return;
    in_band[std::isnan(held->value) ? scale->bands.size() : scale->band_of(held->value)] +=
        until - held->time;
  }
  void add(const sim::Metrics::Sample& s) {
    credit(s.time);
    held = &s;
    if (std::isnan(s.value)) return;
    min = std::isnan(min) ? s.value : std::min(min, s.value);
    max = std::isnan(max) ? s.value : std::max(max, s.value);
  }
};

json pool_score_json(const GaugeStats& st) {
  json out;
  out["min_score"] = std::isnan(st.min) ? json(nullptr) : json(st.min);
  out["max_score"] = std::isnan(st.max) ? json(nullptr) : json(st.max);
  out["hours_in_band"] = bands_json(*st.scale, st.in_band);
  return out;
}

json pools_json(const Ecosystem& eco, const std::vector<std::vector<IpHistory>>& hist, sim::Time end) {
  const auto& gauges = eco.metrics().gauges();
  std::map<sim::Metrics::Key, std::uint32_t> gauge_of;
  for (std::uint32_t k = 0; k < gauges.size(); ++k) gauge_of.emplace(gauges[k], k);
  // gauge_at[p][s]: the score gauge of pool p for scorer s, or none.
  std::vector<std::vector<std::uint32_t>> gauge_at(
      eco.pools().size(), std::vector<std::uint32_t>(eco.scorer_count(), models::kNone));
  std::vector<GaugeStats> stats(gauges.size());
  for (models::PoolIndex p{0}; p < eco.pools().size(); ++p)
    for (models::ScorerIndex s{0}; s < eco.scorer_count(); ++s) {
      if (is_blocklist(eco, s)) continue;
      const auto g =
          gauge_of.find(models::gauge_key({models::Gauge::PoolScore, eco.pools()[p].id, eco.scorer(s).id()}));
      if (g == gauge_of.end()) continue;
      gauge_at[p][s] = g->second;
      stats[g->second].scale = &eco.scorer(s).scale();
      stats[g->second].in_band.assign(eco.scorer(s).scale().bands.size() + 1, 0);
    }
  for (const sim::Metrics::Sample& s : eco.metrics().samples())
    if (stats[s.gauge].scale) stats[s.gauge].add(s);
  for (GaugeStats& st : stats)
    if (st.scale) st.credit(end);

  json out = json::object();
  for (models::PoolIndex p{0}; p < eco.pools().size(); ++p) {
    const models::IpPool& pool = eco.pools()[p];
    json per_scorer = json::object();
    for (models::ScorerIndex s{0}; s < eco.scorer_count(); ++s) {
      const models::Scorer& scorer = eco.scorer(s);
      if (is_blocklist(eco, s)) {
        sim::Time listed = 0;
        std::uint64_t listings = 0;
        for (models::IpIndex ip : pool.ips) {
          listed += hist[s][ip].in_band[1];
          listings += hist[s][ip].listings;
        }
        per_scorer[scorer.id()] = json{{"ip_hours_listed", sim::to_hours(listed)}, {"listings", listings}};
      } else if (gauge_at[p][s] != models::kNone) {
        json entry = pool_score_json(stats[gauge_at[p][s]]);
        // The mean hides one bad IP among good ones: the IP whose published score fell lowest.
        models::IpIndex worst = models::kNone;
        double worst_min = 0;
        for (models::IpIndex ip : pool.ips)
          if (const auto range = scorer.published_range(ip);
              range && (worst == models::kNone || range->min < worst_min)) {
            worst = ip;
            worst_min = range->min;
          }
        entry["worst_ip"] = worst == models::kNone ? json(nullptr) : json(eco.ips()[worst].address);
        entry["worst_ip_min_score"] = worst == models::kNone ? json(nullptr) : json(worst_min);
        per_scorer[scorer.id()] = std::move(entry);
      }
    }
    out[pool.id] = std::move(per_scorer);
  }
  return out;
}

json outages_json(const Ecosystem& eco, sim::Time end) {
  std::vector<const models::OutageInterval*> sorted;
  for (const models::OutageInterval& o : eco.ledger().outages()) sorted.push_back(&o);
  std::sort(sorted.begin(), sorted.end(), [&](const auto* a, const auto* b) {
    return std::tie(a->start, eco.tenant_name(a->tenant), eco.gateway_name(a->gateway)) <
           std::tie(b->start, eco.tenant_name(b->tenant), eco.gateway_name(b->gateway));
  });
  if (sorted.size() > kMaxListedOutages) sorted.resize(kMaxListedOutages);
  json out = json::array();
  for (const auto* o : sorted)
    out.push_back(
        outage_json(*o, eco.tenant_name(o->tenant), eco.gateway_name(o->gateway), eco.calendar(), end));
  return out;
}

}  // namespace

std::string_view population_of(std::string_view tenant_id) {
  return tenant_id.substr(0, tenant_id.find('#'));
}

Grouping group_entities(std::size_t count, std::size_t cap,
                        const std::function<const std::string&(std::size_t)>& name_of) {
  Grouping g;
  g.grouped = count > cap;
  g.group_of.resize(count);
  std::map<std::string, std::size_t, std::less<>> index;  // lookups only; output follows `names`
  for (std::size_t e = 0; e < count; ++e) {
    if (!g.grouped) {
      g.names.push_back(name_of(e));
      g.members.push_back(1);
      g.group_of[e] = e;
      continue;
    }
    const std::string_view name = population_of(name_of(e));
    auto it = index.find(name);
    if (it == index.end()) {
      it = index.emplace(std::string(name), g.names.size()).first;
      g.names.emplace_back(name);
      g.members.push_back(0);
    }
    g.group_of[e] = it->second;
    ++g.members[it->second];
  }
  return g;
}

Grouping group_tenants(const Ecosystem& eco, std::size_t cap) {
  return group_entities(eco.tenant_count(), cap, [&](std::size_t t) -> const std::string& {
    return eco.tenant_name(models::TenantIndex{t});
  });
}

json seconds_json(sim::Time t) {
  if (t % sim::kSecond == 0) return json(t / sim::kSecond);
  return json(sim::to_seconds(t));
}

json counts_json(const DeliveryCounts& c, std::uint64_t outage_count, double outage_pair_hours,
                 const json& cut_off) {
  json j;
  j["sent"] = c.sent;
  j["delivered"] = c.delivered;
  j["deferred_attempts"] = c.deferred_attempts;
  j["deferred_messages"] = c.deferred_messages;
  j["bounced"] = c.bounced();
  j["rejected"] = c.rejected;
  j["expired"] = c.expired;
  j["filtered"] = c.filtered;
  j["queued_at_end"] = c.queued_at_end;
  j["legit_lost"] = c.legit_lost;
  j["legit_queued_at_end"] = c.legit_queued_at_end;
  j["spam_accepted"] = c.spam_accepted;
  j["delay_notices"] = c.delay_notices;
  j["refusal_blips"] = c.refusal_blips;
  j["outage_count"] = outage_count;
  j["outage_pair_hours"] = outage_pair_hours;
  if (cut_off.is_object()) j.update(cut_off);
  if (c.latency_s.count() == 0) {
    j["latency_s"] = nullptr;
  } else {
    json q;
    q["p50"] = c.latency_s.quantile(0.50);
    q["p95"] = c.latency_s.quantile(0.95);
    q["p99"] = c.latency_s.quantile(0.99);
    j["latency_s"] = std::move(q);
  }
  return j;
}

json outage_json(const models::OutageInterval& o, std::string_view tenant, std::string_view gateway,
                 const sim::Calendar& calendar, sim::Time run_end) {
  json j;
  j["tenant"] = tenant;
  j["gateway"] = gateway;
  j["start"] = calendar.iso(o.start);
  j["end"] = o.end == sim::kNever ? json(nullptr) : json(calendar.iso(o.end));
  j["hours"] = sim::to_hours(o.duration(run_end));
  j["cause"] = models::to_string(o.cause);
  return j;
}

json summary_json(const Ecosystem& eco, const RunInfo& info) {
  const sim::Time end = eco.simulation().now();
  const Grouping tenants = group_tenants(eco, kMaxListedTenants);
  const Grouping gateways = group_entities(
      eco.gateway_count(), kMaxListedGateways,
      [&](std::size_t g) -> const std::string& { return eco.gateway_name(models::GatewayIndex{g}); });
  const auto hist = ip_histories(eco, end);

  json j;
  j["scenario"] = info.scenario_name;
  j["seed"] = info.seed;
  j["start"] = eco.calendar().iso(0);
  j["duration_s"] = seconds_json(end);
  j["events_handled"] = eco.simulation().events_handled();
  j["tenant_count"] = eco.tenant_count();
  j["tenants_grouped"] = tenants.grouped;
  j["gateway_count"] = eco.gateway_count();
  j["gateways_grouped"] = gateways.grouped;
  j["tenants"] = tenants_json(eco, tenants, gateways, end);
  j["populations"] = groups_json(eco, group_by_population(eco), end);
  j["designs"] = groups_json(eco, group_by_design(eco), end);
  j["gateways"] = gateways_json(eco, gateways, end);
  j["pools"] = pools_json(eco, hist, end);
  j["ip_count"] = eco.ips().size();
  j["ips"] = ips_json(eco, hist);
  j["outage_count"] = eco.ledger().outages().size();
  j["outages"] = outages_json(eco, end);
  return j;
}

// Replaces rather than throws on invalid UTF-8 in an id: a summary must always be writable.
std::string summary_json_text(const Ecosystem& eco, const RunInfo& info) {
  return summary_json(eco, info).dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace repsim::io
