// repsim-viz SCENARIO [--seed N] [--story] [--record FILE] [--at T] [--screenshot FILE.png --at T]
// Exit status as every repsim front end: 0 success, 1 a failure while working (no display), 2 bad
// input (arguments, a scenario that does not load).
#include <cstdio>
#include <memory>

#include "io/load_error.hpp"
#include "viz/app.hpp"
#include "viz/core/cli_args.hpp"
#include "viz/core/session.hpp"

int main(int argc, char** argv) {
  using namespace repsim;
  const viz::ParsedArgs args = viz::parse_viz_args(argc, argv);
  if (args.exit_code) {
    std::fputs((args.message + "\n").c_str(), *args.exit_code == 0 ? stdout : stderr);
    return *args.exit_code;
  }
  const viz::VizOptions& o = args.options;
  std::unique_ptr<viz::Session> session;
  try {
    session = std::make_unique<viz::Session>(o.scenario, o.seed);
  } catch (const io::LoadError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
  }
  sim::Time at = 0;
  if (!o.at.empty()) {
    try {
      at = session->eco().calendar().parse_time(o.at);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "repsim-viz: --at: %s\n", e.what());
      return 2;
    }
    if (at < 0 || at > session->duration()) {
      std::fprintf(stderr, "repsim-viz: --at: %s is outside the run (0 .. %s)\n", o.at.c_str(),
                   sim::format_duration(session->duration()).c_str());
      return 2;
    }
  }
  try {
    if (!o.screenshot.empty()) return viz::run_screenshot(*session, o, at);
    return viz::run_window(*session, o, at);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "repsim-viz: %s\n", e.what());
    return 1;
  }
}
