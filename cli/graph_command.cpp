// `repsim graph SCENARIO [--dot FILE [--members]]`: the topology, who shares an IP with whom, and
// its picture.
#include <cstdio>
#include <optional>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/scenario_input.hpp"
#include "io/atomic_file.hpp"
#include "io/topology_dot.hpp"
#include "models/ecosystem.hpp"
#include "models/topology.hpp"
#include "models/topology_fold.hpp"

namespace repsim::cli {
namespace {

// Graphviz lays out a few thousand nodes legibly; the full graph of a provider-sized world has
// hundreds of thousands and would not render in useful time.
constexpr std::size_t kMaxMemberNodes = 10'000;

std::vector<models::TopologyGroup> populations_of(const io::ScenarioRun& s) {
  std::vector<models::TopologyGroup> groups;
  for (const io::PopulationRange& p : s.tenant_populations())
    groups.push_back({models::NodeKind::Tenant, p.id, p.first, p.count});
  for (const io::PopulationRange& p : s.gateway_populations())
    groups.push_back({models::NodeKind::Gateway, p.id, p.first, p.count});
  return groups;
}

// One row per single tenant and per population; a population's row is its first member's.
void print_exposure(const models::Ecosystem& eco, const models::Topology& topo,
                    const std::vector<models::TopologyGroup>& groups) {
  std::printf(
      "\ncollateral exposure (co-tenants sharing an IP; blast radius if compromised; a population\n"
      "is shown by its first member)\n");
  std::printf("%-24s %8s %-20s %10s %10s %10s\n", "tenant", "members", "pool", "co-tenants", "hurt-IPs",
              "hurt-gws");
  for (models::TenantIndex t{0}; t < eco.tenant_count();) {
    std::string name = eco.tenant_name(t);
    std::uint32_t members = 1;
    for (const models::TopologyGroup& g : groups)
      if (g.kind == models::NodeKind::Tenant && g.first == t && g.count > 0) {
        name = g.name;
        members = g.count;
      }
    const auto blast = topo.blast_radius(t);
    std::printf("%-24s %8u %-20s %10zu %10zu %10zu\n", name.c_str(), members,
                eco.pools()[eco.config().tenants[t].pool].id.c_str(), blast.tenants.size(), blast.ips.size(),
                blast.gateways.size());
    t += members;
  }
}

int graph(const std::string& scenario, const std::string& dot_file, bool members) {
  const auto built = load_and_build(scenario);
  if (!built) return kExitBadInput;
  const auto groups = populations_of(*built);
  const models::Ecosystem& eco = built->world();
  const models::Topology topo(models::TopologyInput::from(eco));
  const std::size_t nodes = boost::num_vertices(topo.graph());
  if (members && nodes > kMaxMemberNodes) {
    std::fprintf(stderr,
                 "repsim graph: --members: %s has %zu nodes, more than Graphviz lays out legibly (%zu); "
                 "without --members each population is one node\n",
                 scenario.c_str(), nodes, kMaxMemberNodes);
    return kExitBadInput;
  }

  std::printf("%s: %zu providers, %zu pools, %zu IPs, %zu tenants, %zu gateways, %zu scorers\n",
              scenario.c_str(), eco.provider_count(), eco.pools().size(), eco.ips().size(),
              eco.tenant_count(), eco.gateway_count(), eco.scorer_count());
  print_exposure(eco, topo, groups);
  if (!dot_file.empty()) {
    std::optional<models::Topology::Graph> folded;
    if (!members) folded = models::fold(topo.graph(), groups);
    const models::Topology::Graph& picture = folded ? *folded : topo.graph();
    std::ostringstream dot;
    io::write_dot(dot, picture);
    io::write_file_atomic(dot_file, dot.str());
    std::printf("\nwrote %s: %zu nodes, %zu edges (render: dot -Tsvg %s > topology.svg)\n", dot_file.c_str(),
                boost::num_vertices(picture), boost::num_edges(picture), dot_file.c_str());
  }
  return 0;
}

}  // namespace

Command add_graph_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "graph", "Topology and collateral-exposure table; --dot writes Graphviz, one node per population");
  auto scenario = std::make_shared<std::string>();
  auto dot = std::make_shared<std::string>();
  auto members = std::make_shared<bool>(false);
  cmd->add_option("scenario", *scenario, "Scenario file (JSON)")->required();
  auto* dot_option = cmd->add_option("--dot", *dot, "Write the topology as Graphviz DOT to this file");
  cmd->add_flag("--members", *members,
                "With --dot: every member of a population and every IP as its own node (at most " +
                    std::to_string(kMaxMemberNodes) + " nodes)")
      ->needs(dot_option);
  return {cmd, [scenario, dot, members] { return graph(*scenario, *dot, *members); }};
}

}  // namespace repsim::cli
