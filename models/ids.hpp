#pragma once
// Dense indices for every kind of entity. An Ecosystem numbers its entities 0..n-1 per kind, so
// models keep plain vectors instead of maps; names (the scenario's ids) live in the Ecosystem.
#include <cstdint>
#include <limits>

namespace repsim::models {

using TenantIndex = std::uint32_t;
using ProviderIndex = std::uint32_t;
using PoolIndex = std::uint32_t;
using IpIndex = std::uint32_t;
using GatewayIndex = std::uint32_t;
using ScorerIndex = std::uint32_t;
using OperatorIndex = std::uint32_t;
using MessageId = std::uint32_t;

inline constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

}  // namespace repsim::models
