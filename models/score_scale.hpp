#pragma once
// A reputation scale: a closed range of scores cut into named bands. The source write-ups use
// -7..+7 with Poor / Neutral / Good; the real SenderBase uses -10..+10, so nothing here is fixed.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace repsim::models {

struct ScoreScale {
  double min = -7.0;
  double max = 7.0;
  // Band i covers [cuts[i-1], cuts[i]) with cuts[-1] = min and cuts[n-1] extended to include max.
  // Default: Poor [-7, -1), Neutral [-1, 1), Good [1, 7]. "Neutral, score 0" sits mid-Neutral.
  std::vector<std::string> bands{"Poor", "Neutral", "Good"};
  std::vector<double> cuts{-1.0, 1.0};  // size bands.size() - 1, strictly increasing inside (min, max)

  // Throws std::invalid_argument when the cuts do not fit the range or the band names.
  void validate() const;
  std::size_t band_of(double score) const;
  std::string_view band_name(double score) const { return bands[band_of(score)]; }
  // Lowest score of the named band; nullopt when no band has that name.
  std::optional<double> band_floor(std::string_view band) const;
  std::optional<std::size_t> band_index(std::string_view band) const;
  double clamp(double score) const { return score < min ? min : (score > max ? max : score); }
};

}  // namespace repsim::models
