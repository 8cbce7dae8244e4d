#pragma once
// The command line of `repsim-viz`. Parsed apart from any window so the rules are testable: a bad
// argument is reported before a display is needed.
#include <cstdint>
#include <optional>
#include <string>

namespace repsim::viz {

struct VizOptions {
  std::string scenario;
  std::optional<std::uint64_t> seed;
  bool story = false;      // teaching mode: pause at each note
  std::string record;      // --record FILE: the scenario with the session's what-ifs
  std::string screenshot;  // --screenshot FILE.png: render one frame headless and exit
  std::string at;          // --at: "36h", "+36h" or an ISO time; read with the scenario's calendar
  int width = 1600;        // --size WxH
  int height = 1000;
  double speed = 3600;  // simulated seconds per wall second at start
  std::string select;   // --select NAME: the node the inspector starts on
};

// What parsing decided: run with `options`, or exit with `exit_code` (0 after --help, 2 after a bad
// argument) having printed `message` (help text or the error).
struct ParsedArgs {
  VizOptions options;
  std::optional<int> exit_code;
  std::string message;
};

ParsedArgs parse_viz_args(int argc, const char* const* argv);

// "1600x1000" -> {1600, 1000}; nullopt unless both are integers in [64, 8192].
std::optional<std::pair<int, int>> parse_size(const std::string& text);

}  // namespace repsim::viz
