#pragma once
// Dense indices for every kind of entity. An Ecosystem numbers its entities 0..n-1 per kind, so
// models keep plain vectors instead of maps; names (the scenario's ids) live in the Ecosystem.
//
// Each kind is its own type: passing a TenantIndex where a GatewayIndex is expected does not
// compile. Construction from a number is explicit (that is where a mix-up would start); reading
// the number back is implicit, so an index still subscripts a vector and compares with a count.
#include <compare>
#include <concepts>
#include <cstdint>
#include <functional>
#include <limits>

namespace repsim::models {

// "No entity": converts to every index kind and to a plain std::uint32_t.
struct NoIndex {
  static constexpr std::uint32_t kValue = std::numeric_limits<std::uint32_t>::max();
  constexpr operator std::uint32_t() const noexcept { return kValue; }
};
inline constexpr NoIndex kNone{};

template <class Tag>
class Index {
 public:
  constexpr Index() noexcept = default;
  constexpr Index(NoIndex) noexcept : value_(NoIndex::kValue) {}
  template <std::integral Number>
  constexpr explicit Index(Number value) noexcept : value_(static_cast<std::uint32_t>(value)) {}

  constexpr operator std::uint32_t() const noexcept { return value_; }
  constexpr std::uint32_t value() const noexcept { return value_; }
  constexpr bool is_none() const noexcept { return value_ == NoIndex::kValue; }

  // The index `offset` places after this one, of the same kind (a pool's k-th IP, a population's
  // k-th member).
  template <std::integral Number>
  friend constexpr Index operator+(Index index, Number offset) noexcept {
    return Index{index.value_ + static_cast<std::uint32_t>(offset)};
  }
  template <std::integral Number>
  constexpr Index& operator+=(Number offset) noexcept {
    value_ += static_cast<std::uint32_t>(offset);
    return *this;
  }
  constexpr Index& operator++() noexcept {
    ++value_;
    return *this;
  }
  constexpr Index operator++(int) noexcept {
    Index before = *this;
    ++value_;
    return before;
  }

 private:
  std::uint32_t value_ = 0;
};

// Comparing indices of two kinds is a mix-up too.
template <class A, class B>
requires(!std::same_as<A, B>) bool operator==(Index<A>, Index<B>) = delete;
template <class A, class B>
requires(!std::same_as<A, B>) auto operator<=>(Index<A>, Index<B>) = delete;

using TenantIndex = Index<struct TenantTag>;
using ProviderIndex = Index<struct ProviderTag>;
using PoolIndex = Index<struct PoolTag>;
using IpIndex = Index<struct IpTag>;
using GatewayIndex = Index<struct GatewayTag>;
using ScorerIndex = Index<struct ScorerTag>;
using OperatorIndex = Index<struct OperatorTag>;
using MessageId = Index<struct MessageTag>;

}  // namespace repsim::models

template <class Tag>
struct std::hash<repsim::models::Index<Tag>> {
  std::size_t operator()(repsim::models::Index<Tag> index) const noexcept {
    return std::hash<std::uint32_t>{}(index.value());
  }
};
