#pragma once
// A hand-made wiring for the topology tests, small enough to count every edge by hand.
#include "index_literals.hpp"
#include "models/topology.hpp"

namespace repsim::models::testing {

// Two providers. Provider 0: shared pool 0 (IPs 0,1) and dedicated pool 1 (IPs 2,3).
// Provider 1: shared pool 2 (IP 4).
// Tenants: 0,1,2 on shared pool 0; 3 on dedicated pool 1 with its own IP 2; 4 on pool 2.
// Gateways: 0 reads scorer 0 and feeds it; 1 reads scorer 0; 2 reads nothing.
inline TopologyInput small_world() {
  using namespace index_literals;
  TopologyInput in;
  in.providers = {"o365", "nsmail"};
  in.pools = {"shared", "dedicated", "ns-shared"};
  in.ips = {"10.0.0.1", "10.0.0.2", "10.0.1.1", "10.0.1.2", "10.1.0.1"};
  in.tenants = {"a", "b", "c", "bank", "other"};
  in.gateways = {"va", "prime", "plain"};
  in.scorers = {"senderbase"};
  in.pools_of_provider = {{0_pool, 1_pool}, {2_pool}};
  in.ips_of_pool = {{0_ip, 1_ip}, {2_ip, 3_ip}, {4_ip}};
  in.pools_of_tenant = {{0_pool}, {0_pool}, {0_pool}, {}, {2_pool}};
  in.own_ips_of_tenant = {{}, {}, {}, {2_ip}, {}};
  in.gateways_of_tenant = {{0_gateway}, {1_gateway}, {2_gateway}, {0_gateway, 1_gateway}, {2_gateway}};
  in.scorers_fed_by_gateway = {{0_scorer}, {}, {}};
  in.scorers_read_by_gateway = {{0_scorer}, {0_scorer}, {}};
  return in;
}

}  // namespace repsim::models::testing
