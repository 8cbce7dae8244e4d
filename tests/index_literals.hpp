#pragma once
// Index literals for hand-built test worlds: `3_tenant` is TenantIndex{3}, `11_ip` is IpIndex{11}.
#include "models/ids.hpp"

namespace repsim::models::index_literals {

constexpr TenantIndex operator""_tenant(unsigned long long v) { return TenantIndex{v}; }
constexpr ProviderIndex operator""_provider(unsigned long long v) { return ProviderIndex{v}; }
constexpr PoolIndex operator""_pool(unsigned long long v) { return PoolIndex{v}; }
constexpr IpIndex operator""_ip(unsigned long long v) { return IpIndex{v}; }
constexpr GatewayIndex operator""_gateway(unsigned long long v) { return GatewayIndex{v}; }
constexpr ScorerIndex operator""_scorer(unsigned long long v) { return ScorerIndex{v}; }
constexpr OperatorIndex operator""_operator(unsigned long long v) { return OperatorIndex{v}; }
constexpr MessageId operator""_message(unsigned long long v) { return MessageId{v}; }

}  // namespace repsim::models::index_literals
