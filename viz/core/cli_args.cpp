#include "viz/core/cli_args.hpp"

#include <CLI/CLI.hpp>
#include <charconv>
#include <vector>

#include "viz/core/speed_scale.hpp"

namespace repsim::viz {
namespace {

constexpr int kExitBadInput = 2;  // the rule every repsim front end follows

std::optional<int> parse_dimension(std::string_view s) {
  int v = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size() || v < 64 || v > 8192) return std::nullopt;
  return v;
}

}  // namespace

std::optional<std::pair<int, int>> parse_size(const std::string& text) {
  const auto x = text.find('x');
  if (x == std::string::npos) return std::nullopt;
  const auto w = parse_dimension(std::string_view(text).substr(0, x));
  const auto h = parse_dimension(std::string_view(text).substr(x + 1));
  if (!w || !h) return std::nullopt;
  return std::make_pair(*w, *h);
}

ParsedArgs parse_viz_args(int argc, const char* const* argv) {
  ParsedArgs out;
  VizOptions& o = out.options;
  CLI::App app{"repsim-viz: watch a scenario run, change it live (what-ifs), record the changes."};
  std::string size;
  app.add_option("scenario", o.scenario, "Scenario file (JSON)")->required();
  app.add_option("--seed", o.seed, "Replace the scenario's seed");
  app.add_flag("--story", o.story, "Teaching mode: pause at each note of the timeline (space continues)");
  app.add_option("--record", o.record,
                 "Save the scenario with the session's what-ifs appended to its timeline");
  app.add_option("--screenshot", o.screenshot, "Render one frame to this PNG and exit (needs --at)");
  app.add_option("--at", o.at,
                 "Simulated time to start at (or to screenshot), e.g. 36h or 2012-05-10T09:00:00-04:00");
  app.add_option("--size", size, "Window size WxH (default 1600x1000)");
  app.add_option("--select", o.select,
                 "Node to inspect at start (a tenant, pool, provider, gateway or scorer id)");
  app.add_option("--speed", o.speed, "Simulated seconds per wall second at start (1 .. 1e6)");
  try {
    app.parse(argc, argv);
    if (!size.empty()) {
      const auto wh = parse_size(size);
      if (!wh)
        throw CLI::ValidationError("--size", "expected WxH with 64 <= W, H <= 8192, got '" + size + "'");
      o.width = wh->first;
      o.height = wh->second;
    }
    if (!(o.speed >= kMinSpeed && o.speed <= kMaxSpeed))
      throw CLI::ValidationError("--speed", "must be between 1 and 1e6");
    if (!o.screenshot.empty() && o.at.empty())
      throw CLI::ValidationError("--screenshot", "needs --at (the simulated time to show)");
  } catch (const CLI::ParseError& e) {
    const bool help = dynamic_cast<const CLI::CallForHelp*>(&e) != nullptr;
    out.exit_code = help ? 0 : kExitBadInput;
    out.message = help ? app.help() : std::string("repsim-viz: ") + e.what();
  }
  return out;
}

}  // namespace repsim::viz
