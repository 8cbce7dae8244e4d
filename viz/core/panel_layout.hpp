#pragma once
// Debian's Dear ImGui 1.86 is not the docking branch, so the panels are fixed tiles computed from
// the viewport size: a controls strip across the top; below it a wide left column (topology, score
// chart, delivery chart) and a right column (story, inspector, what-if).
#include <array>

namespace repsim::viz {

struct Rect {
  float x = 0, y = 0, w = 0, h = 0;
  bool operator==(const Rect&) const = default;
};

enum class Panel { Controls, Topology, Reputation, Delivery, Story, Inspector, WhatIf, Count };
inline constexpr int kPanelCount = static_cast<int>(Panel::Count);

inline constexpr float kControlsHeight = 96;  // two rows of widgets and the clock
inline constexpr float kLeftShare = 0.58f;    // of the width
// Shares of the height below the controls strip.
inline constexpr float kTopologyShare = 0.40f, kReputationShare = 0.30f;  // delivery: the rest
inline constexpr float kStoryShare = 0.40f, kInspectorShare = 0.30f;      // what-if: the rest

// Tiles covering [0, width] x [0, height] without overlap; edges are rounded to whole pixels.
std::array<Rect, kPanelCount> panel_layout(float width, float height);

}  // namespace repsim::viz
