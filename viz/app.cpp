#include "viz/app.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <chrono>
#include <cstdio>

#include "viz/core/controller.hpp"
#include "viz/gl_window.hpp"
#include "viz/panels.hpp"
#include "viz/screenshot.hpp"

namespace repsim::viz {
namespace {

using Clock = std::chrono::steady_clock;

ControllerOptions controller_options(const VizOptions& o) {
  ControllerOptions c;
  c.story = o.story;
  c.record_path = o.record;
  c.speed = o.speed;
  c.adaptive_chunks = true;
  return c;
}

// --select: false (and a message) when no node has that name.
bool select_node(const Controller& ctl, const VizOptions& o, UiState& ui) {
  if (o.select.empty()) return true;
  ui.selected_node = ctl.view().find(o.select);
  if (ui.selected_node == models::kNone) {
    std::string names;
    for (const ViewNode& n : ctl.view().nodes()) names += (names.empty() ? "" : ", ") + n.name;
    std::fprintf(stderr, "repsim-viz: --select: no node '%s' (nodes: %s)\n", o.select.c_str(), names.c_str());
    return false;
  }
  if (ctl.view().nodes()[ui.selected_node].kind == models::NodeKind::Gateway)
    ui.delivery_gateway = ui.selected_node;
  return true;
}

void draw(Controller& ctl, UiState& ui, const GlWindow& w) {
  begin_frame();
  PanelContext pc{ctl, ctl.commands(), ui};
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  draw_ui(pc, display.x, display.y);
  end_frame(w);
}

}  // namespace

int run_window(Session& session, const VizOptions& options, sim::Time start_at) {
  Controller ctl(session, controller_options(options));
  UiState ui;
  if (!select_node(ctl, options, ui)) return 2;
  std::string error;
  auto w = open_gl_window(options.width, options.height,
                          ("repsim-viz: " + session.run().config().name).c_str(), error);
  if (!w) {
    std::fprintf(stderr, "repsim-viz: %s\n", error.c_str());
    return 1;
  }
  init_imgui(*w);
  if (start_at > 0) ctl.commands().push(cmd::JumpTo{start_at});
  auto last = Clock::now();
  while (!glfwWindowShouldClose(w->window)) {
    glfwPollEvents();
    const auto frame_start = Clock::now();
    const double dt = std::chrono::duration<double>(frame_start - last).count();
    last = frame_start;
    const auto deadline = frame_start + std::chrono::duration_cast<Clock::duration>(
                                            std::chrono::duration<double>(kFrameBudgetSeconds));
    // The simulation runs here, between two frames; the panels below only read what it published.
    ctl.frame(
        dt, [&] { return Clock::now() >= deadline; }, ui);
    draw(ctl, ui, *w);
    glfwSwapBuffers(w->window);
  }
  close_gl_window(*w);
  return 0;
}

int run_screenshot(Session& session, const VizOptions& options, sim::Time at) {
  ControllerOptions co = controller_options(options);
  co.record_path.clear();  // a screenshot changes nothing
  Controller ctl(session, co);
  UiState ui;
  if (!select_node(ctl, options, ui)) return 2;
  // Refreshed every quarter hour of simulated time, as a live session would be, so the flow window
  // has its recent history; one long advance would leave it empty.
  session.set_pause_on_notes(false);
  for (sim::Time t = 0; t < at;) {
    t = std::min(at, t + sim::minutes(15));
    session.advance(t, {});
    ctl.sample_flows();
  }
  ctl.refresh(ui);
  if (options.story) ctl.show_last_note();
  std::string error;
  auto w = open_gl_window(options.width, options.height, "repsim-viz screenshot", error);
  if (!w) {
    std::fprintf(stderr, "repsim-viz: %s\n", error.c_str());
    return 1;
  }
  init_imgui(*w);
  int status = 0;
  int fw = 0, fh = 0;
  for (int frame = 0; frame < 3; ++frame) {  // layout settles (auto-sized windows, fonts) in a frame or two
    glfwPollEvents();
    draw(ctl, ui, *w);
    glfwGetFramebufferSize(w->window, &fw, &fh);
    if (frame < 2) glfwSwapBuffers(w->window);
  }
  try {
    if (fw != options.width || fh != options.height)
      throw std::runtime_error("the framebuffer is " + std::to_string(fw) + "x" + std::to_string(fh) +
                               ", not the " + std::to_string(options.width) + "x" +
                               std::to_string(options.height) + " asked for (is the screen smaller?)");
    write_back_buffer_png(options.screenshot, fw, fh);
    std::printf("screenshot: %s (%dx%d) at %s\n", options.screenshot.c_str(), fw, fh,
                session.eco().calendar().short_text(session.now()).c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "repsim-viz: %s\n", e.what());
    status = 1;
  }
  close_gl_window(*w);
  return status;
}

}  // namespace repsim::viz
