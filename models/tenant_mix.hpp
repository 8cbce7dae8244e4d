#pragma once
// Which gateway a tenant's next message goes to. Drawn once per message of a run with millions of
// tenants, so the common small mix (a handful of organisations) lives inside the object, next to
// the tenant's other per-message state, instead of in three separate heap arrays: one cache miss
// per message instead of four. Small mixes draw by inverse CDF from one uniform; mixes larger than
// kInline use an alias table (O(1) draws, sim::Categorical).
#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "models/ids.hpp"
#include "sim/distributions.hpp"
#include "sim/memory/prefetch.hpp"
#include "sim/random.hpp"

namespace repsim::models {

struct RecipientShare {
  GatewayIndex gateway = kNone;
  double weight = 1.0;  // relative; the shares of a mix need not sum to 1
};

class RecipientMix {
 public:
  static constexpr std::size_t kInline = 8;

  RecipientMix() = default;  // empty: nothing to draw
  // Throws std::invalid_argument (sim::Categorical's wording) for no shares, a negative, NaN or
  // infinite weight, or weights that are all zero.
  explicit RecipientMix(const std::vector<RecipientShare>& shares);

  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }

  struct Drawn {
    GatewayIndex gateway = kNone;
    std::uint32_t entry = 0;  // the share's position in the constructor's list
  };

  // A gateway with probability weight / total. Small mixes: one uniform u in [0, 1), the first
  // entry whose cumulative weight exceeds u x total (zero weights are never drawn). Large mixes:
  // sim::Categorical's draw.
  GatewayIndex draw(sim::RandomStream& r) const { return draw_entry(r).gateway; }
  // The same draw (the same uniforms), with the share it picked.
  Drawn draw_entry(sim::RandomStream& r) const {
    if (size_ <= kInline) {
      const double u = r.uniform01() * cumulative_[size_ - 1];
      for (std::uint32_t i = 0; i < size_; ++i)
        if (u < cumulative_[i]) return {gateway_[i], i};
      return {gateway_[last_positive_], last_positive_};  // u rounded up to the total
    }
    // sim::Categorical's draw over slots that hold the gateways themselves: one read.
    const auto i = static_cast<std::uint32_t>(r.below(size_));
    const LargeSlot& slot = large_slots_[i];
    return r.uniform01() < slot.keep ? Drawn{slot.own, i} : Drawn{slot.alias, slot.alias_entry};
  }
  // A hint with no observable effect: asks for the table slot that draw_entry(r) would read, found
  // by drawing on r, which is a copy (the caller's stream does not move). Nothing for a small mix,
  // which has no table. A large mix's slot is a random heap line per message, and a source that
  // draws ahead can ask for it before the draw that reads it.
  void prefetch_draw(sim::RandomStream r) const {
    if (size_ > kInline) sim::prefetch_bytes<sizeof(LargeSlot)>(&large_slots_[r.below(size_)]);
  }
  // The shares' gateways, in the constructor's order.
  std::vector<GatewayIndex> gateways() const;

 private:
  // A large mix's alias table (sim::Categorical's slots) with each slot's own gateway and its
  // alias's gateway in it, so that a draw is one read at random and not three dependent ones.
  struct LargeSlot {
    double keep = 0.0;
    GatewayIndex own = kNone;
    GatewayIndex alias = kNone;
    std::uint32_t alias_entry = 0;
  };
  // The inline arrays first and the large mix's table behind a pointer, so a tenant keeps its
  // whole per-message state in three cache lines (models/tenant.hpp).
  std::uint32_t size_ = 0;
  std::uint32_t last_positive_ = 0;
  std::array<double, kInline> cumulative_{};
  std::array<GatewayIndex, kInline> gateway_{};
  const LargeSlot* large_slots_ = nullptr;               // into *large_, read without its indirection
  std::shared_ptr<const std::vector<LargeSlot>> large_;  // shared, not copied: a mix never changes
};

}  // namespace repsim::models
