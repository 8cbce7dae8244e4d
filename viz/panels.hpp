#pragma once
// The panels of the window. Each draws from the controller's published data (series, story,
// snapshot, view) and the UI state, and asks for changes only by pushing commands.
#include "viz/core/controller.hpp"
#include "viz/core/panel_layout.hpp"
#include "viz/core/ui_state.hpp"

namespace repsim::viz {

struct PanelContext {
  const Controller& ctl;
  CommandQueue& commands;
  UiState& ui;
};

// Begins a fixed tile (no move, no resize: the layout owns placement).
bool begin_tile(const char* title, const Rect& r);

void panel_controls(PanelContext& c, const Rect& r);
void panel_topology(PanelContext& c, const Rect& r);
void panel_reputation(PanelContext& c, const Rect& r);
void panel_delivery(PanelContext& c, const Rect& r);
void panel_story(PanelContext& c, const Rect& r);
void panel_inspector(PanelContext& c, const Rect& r);
void panel_whatif(PanelContext& c, const Rect& r);
// Teaching mode: the note the run paused at, over the charts; space / enter continue.
void teaching_banner(PanelContext& c, float width, float height);

// Every panel in its tile, plus the keyboard shortcuts (space: play/pause or continue).
void draw_ui(PanelContext& c, float width, float height);

}  // namespace repsim::viz
