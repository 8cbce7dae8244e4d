#pragma once
// One palette for every panel, so a colour means the same thing everywhere: bands from red (worst)
// through amber to green (best), flows by what the mail is doing.
#include <imgui.h>

#include <cstddef>

#include "viz/core/flow_state.hpp"

namespace repsim::viz::colors {

inline ImU32 rgba(int r, int g, int b, int a = 255) { return IM_COL32(r, g, b, a); }

// Band k of n: the first is the worst. Unscored (k < 0) is grey.
inline ImU32 band(int k, std::size_t n, int alpha = 255) {
  if (k < 0) return rgba(120, 120, 130, alpha);
  if (n <= 1) return rgba(90, 170, 90, alpha);
  const float f = static_cast<float>(k) / static_cast<float>(n - 1);  // 0 worst .. 1 best
  if (f < 0.5f) {
    const float u = f * 2;
    return rgba(210 + static_cast<int>(20 * u), 70 + static_cast<int>(110 * u), 60, alpha);
  }
  const float u = (f - 0.5f) * 2;
  return rgba(230 - static_cast<int>(150 * u), 180 - static_cast<int>(5 * u), 60 + static_cast<int>(30 * u),
              alpha);
}

inline ImU32 flow(FlowState s, int alpha = 255) {
  switch (s) {
    case FlowState::Delivering:
      return rgba(80, 200, 120, alpha);
    case FlowState::Throttled:
      return rgba(235, 190, 60, alpha);
    case FlowState::Deferred:
      return rgba(240, 120, 40, alpha);
    case FlowState::Rejected:
      return rgba(230, 60, 60, alpha);
    case FlowState::Idle:
      break;
  }
  return rgba(110, 110, 120, alpha);
}

// Series colours for charts, cycled.
inline ImU32 series(std::size_t k) {
  static const ImU32 kPalette[] = {IM_COL32(90, 170, 250, 255),  IM_COL32(250, 150, 70, 255),
                                   IM_COL32(170, 120, 240, 255), IM_COL32(80, 210, 200, 255),
                                   IM_COL32(240, 100, 160, 255), IM_COL32(200, 200, 90, 255)};
  return kPalette[k % (sizeof kPalette / sizeof kPalette[0])];
}

inline constexpr ImU32 kText = IM_COL32(230, 230, 235, 255);
inline constexpr ImU32 kDimText = IM_COL32(160, 160, 170, 255);
inline constexpr ImU32 kGrid = IM_COL32(255, 255, 255, 28);
inline constexpr ImU32 kGridMajor = IM_COL32(255, 255, 255, 60);
inline constexpr ImU32 kPlotBg = IM_COL32(22, 24, 30, 255);
inline constexpr ImU32 kFuture = IM_COL32(0, 0, 0, 90);
inline constexpr ImU32 kNow = IM_COL32(255, 255, 255, 170);
inline constexpr ImU32 kCursor = IM_COL32(255, 220, 80, 230);
inline constexpr ImU32 kNodeBg = IM_COL32(44, 48, 58, 255);
inline constexpr ImU32 kSelected = IM_COL32(255, 220, 80, 255);

}  // namespace repsim::viz::colors
