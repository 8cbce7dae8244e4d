// The topology's Graphviz text: one line per node and per edge, labels that say what a node stands for.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "index_literals.hpp"
#include "io/topology_dot.hpp"
#include "models/topology_fold.hpp"
#include "topology_fixture.hpp"

using namespace repsim::models;
using namespace repsim::models::index_literals;
using repsim::io::write_dot;
using repsim::models::testing::small_world;

namespace {

std::string dot_of(const Topology::Graph& g) {
  std::ostringstream out;
  write_dot(out, g);
  return out.str();
}

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t p = text.find(what); p != std::string::npos; p = text.find(what, p + what.size())) ++n;
  return n;
}

// One provider, one shared pool of two IPs, `members` tenants "pop#k" mailing one Good-only gateway.
TopologyInput one_population(std::uint32_t members) {
  TopologyInput in;
  in.providers = {"o365"};
  in.pools = {"outbound"};
  in.pool_kinds = {PoolKind::Shared};
  in.ips = {"10.0.0.1", "10.0.0.2"};
  in.gateways = {"org"};
  in.gateway_policies = {"good_only"};
  in.pools_of_provider = {{0_pool}};
  in.ips_of_pool = {{0_ip, 1_ip}};
  for (std::uint32_t k = 0; k < members; ++k) {
    in.tenants.push_back("pop#" + std::to_string(k));
    in.pools_of_tenant.push_back({0_pool});
    in.own_ips_of_tenant.emplace_back();
    in.gateways_of_tenant.push_back({0_gateway});
  }
  return in;
}

}  // namespace

TEST_CASE("DOT: a line per node and per edge, styled by kind", "[topology]") {
  const std::string dot = dot_of(Topology(small_world()).graph());
  CHECK(dot.rfind("digraph G {\nrankdir=LR;\n", 0) == 0);
  CHECK(occurrences(dot, "[label=") == 19);
  CHECK(occurrences(dot, "->") == 31);
  // Vertices are numbered kind by kind: providers 0-1, pools 2-4, IPs 5-9, tenants 10-14 (the bank
  // is 13), gateways 15-17, the scorer 18.
  CHECK(dot.find("\n13[label=bank, shape=box, class=tenant];\n") != std::string::npos);
  CHECK(dot.find("\n13->7 [class=sends_via, style=solid];\n") != std::string::npos);
  CHECK(dot.find("\n13->16 [class=mails, style=dotted, color=gray40, constraint=false];\n") !=
        std::string::npos);
  CHECK(dot.find("\n15->18 [class=reads, style=dashed, color=gray40];\n") != std::string::npos);
  CHECK(dot.find("\n18[label=senderbase, shape=diamond, class=scorer];\n") != std::string::npos);
  CHECK(dot.substr(dot.size() - 2) == "}\n");
}

TEST_CASE("DOT: a population of 100 is one node that says so", "[topology]") {
  const Topology topo(one_population(100));
  const std::string dot = dot_of(fold(topo.graph(), {{NodeKind::Tenant, "pop", 0, 100}}));
  // provider 0, pool 1 (with its IPs), the population 2, the gateway 3.
  CHECK(occurrences(dot, "[label=") == 4);
  CHECK(occurrences(dot, "class=tenant") == 1);
  CHECK(dot.find("\n2[label=\"pop\\n100 members\", shape=box, class=tenant];\n") != std::string::npos);
  CHECK(dot.find("\n1[label=\"outbound\\nshared\\n2 IPs\", shape=folder, class=pool];\n") !=
        std::string::npos);
  CHECK(dot.find("\n3[label=\"org\\ngood_only\", shape=house, class=gateway];\n") != std::string::npos);
  // owns, sends_via, mails and delivers, once each.
  CHECK(occurrences(dot, "->") == 4);
  CHECK(dot.find("\n2->3 [class=mails") != std::string::npos);
  CHECK(dot.find("\n1->3 [class=delivers") != std::string::npos);
}

TEST_CASE("DOT: quotes and backslashes in names stay literal", "[topology]") {
  TopologyInput in = one_population(1);
  in.tenants = {"say \"hi\"\\now"};
  const std::string dot = dot_of(Topology(in).graph());
  CHECK(dot.find("[label=\"say \\\"hi\\\"\\\\now\", shape=box") != std::string::npos);
}
