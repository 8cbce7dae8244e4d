// `repsim graph SCENARIO [--dot FILE]`: the topology and who shares an IP with whom.
#include <cstdio>
#include <map>

#include "cli/commands.hpp"
#include "cli/scenario_input.hpp"
#include "io/atomic_file.hpp"
#include "models/ecosystem.hpp"
#include "models/topology.hpp"

namespace repsim::cli {
namespace {

// Large populations print one row per population (members share a row): the id before '#'.
std::string group_of(const std::string& id) { return id.substr(0, id.find('#')); }

int graph(const std::string& scenario, const std::string& dot_file) {
  const auto built = load_and_build(scenario);
  if (!built) return kExitBadInput;
  const models::Ecosystem& eco = built->world();
  const models::Topology topo(models::TopologyInput::from(eco));

  std::printf("%s: %zu providers, %zu pools, %zu IPs, %zu tenants, %zu gateways, %zu scorers\n",
              scenario.c_str(), eco.provider_count(), eco.pools().size(), eco.ips().size(),
              eco.tenant_count(), eco.gateway_count(), eco.scorer_count());
  std::printf("\ncollateral exposure (co-tenants sharing an IP; blast radius if compromised)\n");
  std::printf("%-28s %-20s %10s %10s %10s\n", "tenant", "pool", "co-tenants", "hurt-IPs", "hurt-gws");
  std::map<std::string, bool> printed;
  for (models::TenantIndex t = 0; t < eco.tenant_count(); ++t) {
    const std::string group = group_of(eco.tenant_name(t));
    if (printed[group]) continue;
    printed[group] = true;
    const auto co = topo.co_tenants(t);
    const auto blast = topo.blast_radius(t);
    std::printf("%-28s %-20s %10zu %10zu %10zu\n", group.c_str(),
                eco.pools()[eco.config().tenants[t].pool].id.c_str(), co.size(), blast.ips.size(),
                blast.gateways.size());
  }
  const auto missing = topo.unreachable();
  for (const auto& [t, g] : missing)
    std::printf("unreachable: %s cannot reach %s\n", eco.tenant_name(t).c_str(), eco.gateway_name(g).c_str());
  if (!dot_file.empty()) {
    io::write_file_atomic(dot_file, topo.dot());
    std::printf("\nwrote %s (render: dot -Tsvg %s > topology.svg)\n", dot_file.c_str(), dot_file.c_str());
  }
  return missing.empty() ? 0 : kExitFailure;
}

}  // namespace

Command add_graph_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("graph", "Topology and collateral-exposure table; --dot writes Graphviz");
  auto scenario = std::make_shared<std::string>();
  auto dot = std::make_shared<std::string>();
  cmd->add_option("scenario", *scenario, "Scenario file (JSON)")->required();
  cmd->add_option("--dot", *dot, "Write the topology as Graphviz DOT to this file");
  return {cmd, [scenario, dot] { return graph(*scenario, *dot); }};
}

}  // namespace repsim::cli
