#include "viz/core/whatif_record.hpp"

#include <stdexcept>
#include <variant>

#include "io/atomic_file.hpp"
#include "io/scenario_run.hpp"
#include "sim/time.hpp"

namespace repsim::viz {
namespace {

using json = nlohmann::ordered_json;

// "<pool>#<k>": the k-th IP of its pool, which the loader reads back whatever the addresses are.
std::string ip_ref(models::IpIndex ip, const models::Ecosystem& eco) {
  const models::PoolIndex p = eco.ips().at(ip).pool;
  const auto& ips = eco.pools()[p].ips;
  for (std::size_t k = 0; k < ips.size(); ++k)
    if (ips[k] == ip) return eco.pools()[p].id + "#" + std::to_string(k);
  throw std::invalid_argument("IP outside its pool");
}

json ip_list(const std::vector<models::IpIndex>& ips, const models::Ecosystem& eco) {
  for (const models::IpPool& pool : eco.pools())
    if (pool.ips == ips) return json::array({pool.id});  // a whole pool, in its order
  json out = json::array();
  for (models::IpIndex ip : ips) out.push_back(ip_ref(ip, eco));
  return out;
}

}  // namespace

json timeline_entry(const models::TimedAction& a, const models::Ecosystem& eco) {
  json e;
  e["at"] = "+" + sim::format_duration(a.at);
  e["actor"] = a.actor.empty() ? std::string("timeline") : a.actor;
  e["action"] = std::string(models::action_name(a.action));
  if (const auto* t = std::get_if<models::SetThreshold>(&a.action)) {
    e["gateway"] = eco.gateway_name(t->gateway);
    e["threshold"] = t->threshold;
  } else if (const auto* l = std::get_if<models::Allowlist>(&a.action)) {
    e["gateway"] = eco.gateway_name(l->gateway);
    if (l->ip != models::kNone)
      e["ip"] = ip_ref(l->ip, eco);
    else
      e["tenant"] = eco.tenant_name(l->tenant);
  } else if (const auto* r = std::get_if<models::Reroute>(&a.action)) {
    e["tenant"] = eco.tenant_name(r->tenant);
    if (r->gateway != models::kNone) e["gateway"] = eco.gateway_name(r->gateway);
    e["to"] = eco.provider_name(r->to);
  } else if (const auto* s = std::get_if<models::RestoreScore>(&a.action)) {
    e["scorer"] = eco.scorer(s->scorer).id();
    if (!s->ips.empty()) e["ips"] = ip_list(s->ips, eco);
    if (eco.scorer(s->scorer).publishes() == models::Publishes::Scores) e["score"] = s->score;
  } else if (const auto* n = std::get_if<models::Note>(&a.action)) {
    e["text"] = n->text;
  } else {
    throw std::invalid_argument("cannot record a '" + std::string(models::action_name(a.action)) +
                                "' action");
  }
  return e;
}

std::string recorded_scenario(const std::string& source_text, const std::string& name, std::uint64_t seed,
                              const std::vector<models::TimedAction>& whatifs, const models::Ecosystem& eco) {
  json doc = json::parse(source_text);
  if (!doc.is_object()) throw std::invalid_argument("the scenario is not a JSON object");
  doc["seed"] = seed;
  json& timeline = doc["timeline"];
  if (timeline.is_null()) timeline = json::array();
  for (const models::TimedAction& a : whatifs) timeline.push_back(timeline_entry(a, eco));
  std::string text = doc.dump(2) + "\n";
  io::ScenarioRun(io::load_scenario_text(text, name)).build();  // refuse to write what would not load back
  return text;
}

void write_recording(const std::string& path, const std::string& source_text, std::uint64_t seed,
                     const std::vector<models::TimedAction>& whatifs, const models::Ecosystem& eco) {
  io::write_file_atomic(path, recorded_scenario(source_text, path, seed, whatifs, eco));
}

}  // namespace repsim::viz
