#include "models/tenant_mix.hpp"

#include <span>

namespace repsim::models {

RecipientMix::RecipientMix(const std::vector<RecipientShare>& shares) {
  std::vector<double> weights;
  weights.reserve(shares.size());
  for (const RecipientShare& s : shares) weights.push_back(s.weight);
  // Validates every weight and the total, whatever the size, with one wording for all mixes.
  sim::Categorical table(weights);
  size_ = static_cast<std::uint32_t>(shares.size());
  if (size_ > kInline) {
    const std::span<const sim::Categorical::Slot> alias = table.slots();
    std::vector<LargeSlot> slots(shares.size());
    for (std::size_t i = 0; i < shares.size(); ++i)
      slots[i] = LargeSlot{alias[i].keep, shares[i].gateway, shares[alias[i].alias].gateway,
                           static_cast<std::uint32_t>(alias[i].alias)};
    large_ = std::make_shared<const std::vector<LargeSlot>>(std::move(slots));
    large_slots_ = large_->data();
    return;
  }
  double sum = 0;
  for (std::uint32_t i = 0; i < size_; ++i) {
    sum += shares[i].weight;
    cumulative_[i] = sum;
    gateway_[i] = shares[i].gateway;
    if (shares[i].weight > 0.0) last_positive_ = i;
  }
}

std::vector<GatewayIndex> RecipientMix::gateways() const {
  std::vector<GatewayIndex> out(size_);
  for (std::uint32_t i = 0; i < size_; ++i) out[i] = size_ > kInline ? large_slots_[i].own : gateway_[i];
  return out;
}

}  // namespace repsim::models
