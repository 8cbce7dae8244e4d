// Compiled by ctest with one REPSIM_MIX_* macro defined: each is a mix-up of two index kinds that
// must not compile. With none defined, the same calls with the right kinds must compile.
#include "models/ids.hpp"

using namespace repsim::models;

namespace {
GatewayIndex gateway_of(GatewayIndex g) { return g; }
}  // namespace

int main() {
  const TenantIndex tenant{1};
  const GatewayIndex gateway{1};
#if defined(REPSIM_MIX_PASS_TENANT_AS_GATEWAY)
  gateway_of(tenant);
#elif defined(REPSIM_MIX_PASS_NUMBER_AS_GATEWAY)
  gateway_of(1u);
#elif defined(REPSIM_MIX_ASSIGN_TENANT_TO_GATEWAY)
  GatewayIndex g = gateway;
  g = tenant;
#elif defined(REPSIM_MIX_COMPARE_TENANT_WITH_GATEWAY)
  return tenant == gateway ? 1 : 0;
#elif defined(REPSIM_MIX_ORDER_TENANT_BEFORE_GATEWAY)
  return tenant < gateway ? 1 : 0;
#else
  return gateway_of(gateway) == GatewayIndex{1} && tenant == TenantIndex{1} ? 0 : 1;
#endif
  return 0;
}
