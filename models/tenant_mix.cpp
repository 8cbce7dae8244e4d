#include "models/tenant_mix.hpp"

namespace repsim::models {

RecipientMix::RecipientMix(const std::vector<RecipientShare>& shares) {
  std::vector<double> weights;
  weights.reserve(shares.size());
  for (const RecipientShare& s : shares) weights.push_back(s.weight);
  // Validates every weight and the total, whatever the size, with one wording for all mixes.
  sim::Categorical table(weights);
  size_ = static_cast<std::uint32_t>(shares.size());
  if (size_ > kInline) {
    std::vector<GatewayIndex> gateways;
    gateways.reserve(shares.size());
    for (const RecipientShare& s : shares) gateways.push_back(s.gateway);
    large_ = std::make_shared<const Large>(Large{std::move(table), std::move(gateways)});
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

}  // namespace repsim::models
