#pragma once
// Outbound IP addresses grouped into pools. A shared pool carries many tenants' mail, so one
// tenant's spam is every co-tenant's reputation; a dedicated IP carries one tenant's mail only.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "models/ids.hpp"
#include "sim/time.hpp"

namespace repsim::models {

enum class PoolKind : std::uint8_t { Shared, Dedicated, HighRisk };
std::string_view to_string(PoolKind k);  // "shared", "dedicated", "high_risk", as scenarios name them
enum class Assignment : std::uint8_t {
  RoundRobin,  // each attempt takes the pool's next IP
  TenantHash,  // a tenant always leaves from the same IP of the pool (hash of tenant index)
  Dedicated,   // ip_of_tenant decides; each tenant has its own IP(s)
};

struct IpAddress {
  std::string address;  // dotted text for reports, e.g. "65.55.88.12"
  PoolIndex pool = kNone;
  std::uint64_t attempts = 0;  // per-IP volume history: every delivery attempt from this IP
  std::uint64_t delivered = 0;
};

struct IpPool {
  std::string id;
  PoolKind kind = PoolKind::Shared;
  Assignment assignment = Assignment::RoundRobin;
  std::vector<IpIndex> ips;
  std::vector<IpIndex> ip_of_tenant;  // Dedicated: indexed by tenant, kNone when not assigned
  std::uint32_t next = 0;             // RoundRobin cursor

  // The IP a message of `tenant` leaves from on this attempt.
  IpIndex pick(TenantIndex tenant);
};

}  // namespace repsim::models
