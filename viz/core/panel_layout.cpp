#include "viz/core/panel_layout.hpp"

#include <cmath>

namespace repsim::viz {

std::array<Rect, kPanelCount> panel_layout(float width, float height) {
  std::array<Rect, kPanelCount> r{};
  const float top = std::round(std::fmin(kControlsHeight, height));
  const float body = height - top;
  const float split = std::round(width * kLeftShare);
  r[static_cast<int>(Panel::Controls)] = {0, 0, width, top};
  // One column: consecutive tiles from shares of the body height, the last taking the rest.
  auto column = [&](float x, float w, Panel a, float share_a, Panel b, float share_b, Panel c) {
    const float y1 = top + std::round(body * share_a);
    const float y2 = top + std::round(body * (share_a + share_b));
    r[static_cast<int>(a)] = {x, top, w, y1 - top};
    r[static_cast<int>(b)] = {x, y1, w, y2 - y1};
    r[static_cast<int>(c)] = {x, y2, w, height - y2};
  };
  column(0, split, Panel::Topology, kTopologyShare, Panel::Reputation, kReputationShare, Panel::Delivery);
  column(split, width - split, Panel::Story, kStoryShare, Panel::Inspector, kInspectorShare, Panel::WhatIf);
  return r;
}

}  // namespace repsim::viz
