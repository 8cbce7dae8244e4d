#pragma once
// The two ways repsim-viz runs: a live window, or one headless frame saved as a PNG.
#include "viz/core/cli_args.hpp"
#include "viz/core/session.hpp"

namespace repsim::viz {

// Wall-clock time the simulation may take per frame: the UI stays at ~60 frames per second.
inline constexpr double kFrameBudgetSeconds = 0.008;

// Exit status: 0, or 1 when no window could be opened.
int run_window(Session& session, const VizOptions& options, sim::Time start_at);
// Advances to `at` (no budget: nobody is watching), renders a few frames so the layout settles,
// and writes the last one. Exit status 0, or 1 with a message on stderr.
int run_screenshot(Session& session, const VizOptions& options, sim::Time at);

}  // namespace repsim::viz
