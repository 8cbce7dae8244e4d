#include "models/score_scale.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace repsim::models {

void ScoreScale::validate() const {
  if (!std::isfinite(min) || !std::isfinite(max) || !(min < max))
    throw std::invalid_argument("score scale: min must be below max (got " + std::to_string(min) + ".." +
                                std::to_string(max) + ")");
  if (bands.empty()) throw std::invalid_argument("score scale: at least one band is needed");
  if (cuts.size() + 1 != bands.size())
    throw std::invalid_argument("score scale: " + std::to_string(bands.size()) + " bands need " +
                                std::to_string(bands.size() - 1) + " cut points, got " +
                                std::to_string(cuts.size()));
  for (std::size_t i = 0; i < bands.size(); ++i) {
    if (bands[i].empty())
      throw std::invalid_argument("score scale: band " + std::to_string(i) + " has no name");
    // band_floor / band_index look bands up by name: a repeated name would hide a band.
    for (std::size_t j = 0; j < i; ++j)
      if (bands[j] == bands[i])
        throw std::invalid_argument("score scale: band name '" + bands[i] + "' repeats");
  }
  for (std::size_t i = 0; i < cuts.size(); ++i) {
    // A cut on min or max would leave a band that no score in range can reach.
    if (!(cuts[i] > min && cuts[i] < max))
      throw std::invalid_argument("score scale: cut " + std::to_string(cuts[i]) + " is not inside (" +
                                  std::to_string(min) + ", " + std::to_string(max) + ")");
    if (i > 0 && !(cuts[i] > cuts[i - 1]))
      throw std::invalid_argument("score scale: cuts must be strictly increasing (" +
                                  std::to_string(cuts[i - 1]) + " then " + std::to_string(cuts[i]) + ")");
  }
}

std::size_t ScoreScale::band_of(double score) const {
  // NaN reads as the lowest band: a broken score must never pass a policy as Good.
  if (std::isnan(score)) return 0;
  // A cut belongs to the band above it, so the band is the number of cuts <= score.
  return static_cast<std::size_t>(std::upper_bound(cuts.begin(), cuts.end(), score) - cuts.begin());
}

std::optional<std::size_t> ScoreScale::band_index(std::string_view band) const {
  for (std::size_t i = 0; i < bands.size(); ++i)
    if (bands[i] == band) return i;
  return std::nullopt;
}

std::optional<double> ScoreScale::band_floor(std::string_view band) const {
  const std::optional<std::size_t> i = band_index(band);
  if (!i) return std::nullopt;
  return *i == 0 ? min : cuts[*i - 1];
}

}  // namespace repsim::models
