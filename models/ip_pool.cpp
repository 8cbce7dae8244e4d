#include "models/ip_pool.hpp"

#include <stdexcept>

#include "sim/random.hpp"

namespace repsim::models {

std::string_view to_string(PoolKind k) {
  switch (k) {
    case PoolKind::Shared:
      return "shared";
    case PoolKind::Dedicated:
      return "dedicated";
    case PoolKind::HighRisk:
      return "high_risk";
  }
  return "unknown";
}

IpIndex IpPool::pick(TenantIndex tenant) {
  switch (assignment) {
    case Assignment::RoundRobin: {
      const IpIndex ip = ips[next];
      next = next + 1 == ips.size() ? 0 : next + 1;
      return ip;
    }
    case Assignment::TenantHash:
      return ips[sim::mix64(tenant) % ips.size()];
    case Assignment::Dedicated:
      if (tenant < ip_of_tenant.size() && ip_of_tenant[tenant] != kNone) return ip_of_tenant[tenant];
      throw std::logic_error("pool " + id + ": no dedicated IP for tenant " + std::to_string(tenant));
  }
  return ips.front();
}

}  // namespace repsim::models
