// One frame of the whole window: the tiles, the banner and the keyboard shortcuts.
#include <imgui.h>

#include "viz/panels.hpp"

namespace repsim::viz {

bool begin_tile(const char* title, const Rect& r) {
  ImGui::SetNextWindowPos({r.x, r.y});
  ImGui::SetNextWindowSize({r.w, r.h});
  constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                      ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                      ImGuiWindowFlags_NoBringToFrontOnFocus;
  return ImGui::Begin(title, nullptr, kFlags);
}

void draw_ui(PanelContext& c, float width, float height) {
  const auto tiles = panel_layout(width, height);
  auto tile = [&](Panel p) { return tiles[static_cast<int>(p)]; };
  panel_controls(c, tile(Panel::Controls));
  panel_topology(c, tile(Panel::Topology));
  panel_reputation(c, tile(Panel::Reputation));
  panel_delivery(c, tile(Panel::Delivery));
  panel_story(c, tile(Panel::Story));
  panel_inspector(c, tile(Panel::Inspector));
  panel_whatif(c, tile(Panel::WhatIf));
  teaching_banner(c, width, height);
  // Shortcuts only while no text field has the keyboard.
  if (!ImGui::GetIO().WantTextInput) {
    const bool space = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false);
    const bool enter = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
                       ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false);
    if (c.ctl.banner() && (space || enter))
      c.commands.push(cmd::ContinueStory{});
    else if (space)
      c.commands.push(c.ctl.playing() ? Command{cmd::Pause{}} : Command{cmd::Play{}});
    else if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow)))
      c.commands.push(cmd::StepEvent{});
  }
}

}  // namespace repsim::viz
