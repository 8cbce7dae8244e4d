// The tiled layout that stands in for docking (Debian's ImGui 1.86 is not the docking branch).
#include <catch2/catch.hpp>

#include "viz/core/panel_layout.hpp"

using namespace repsim::viz;

TEST_CASE("panels tile a 1600x1000 window", "[viz]") {
  const auto r = panel_layout(1600, 1000);
  auto at = [&](Panel p) { return r[static_cast<int>(p)]; };
  // Controls: the top 96 px. Body 904 px; the left column is round(1600 * 0.58) = 928 px wide.
  CHECK(at(Panel::Controls) == Rect{0, 0, 1600, 96});
  // Topology: round(904 * 0.40) = round(361.6) = 362 px. Reputation ends at 96 + round(904 * 0.70)
  // = 96 + round(632.8) = 729, so it is 729 - 458 = 271 px; delivery takes 1000 - 729 = 271 px.
  CHECK(at(Panel::Topology) == Rect{0, 96, 928, 362});
  CHECK(at(Panel::Reputation) == Rect{0, 458, 928, 271});
  CHECK(at(Panel::Delivery) == Rect{0, 729, 928, 271});
  CHECK(at(Panel::Story) == Rect{928, 96, 672, 362});
  CHECK(at(Panel::Inspector) == Rect{928, 458, 672, 271});
  CHECK(at(Panel::WhatIf) == Rect{928, 729, 672, 271});
}

TEST_CASE("panels cover the window without overlap at any size", "[viz]") {
  for (auto [w, h] : {std::pair{1600.0f, 1000.0f}, {1280.0f, 720.0f}, {801.0f, 599.0f}, {300.0f, 90.0f}}) {
    const auto r = panel_layout(w, h);
    float area = 0;
    for (const Rect& a : r) {
      area += a.w * a.h;
      CHECK(a.x >= 0);
      CHECK(a.y >= 0);
      CHECK(a.x + a.w <= w);
      CHECK(a.y + a.h <= h);
    }
    CHECK(area == Approx(w * h));
  }
}
