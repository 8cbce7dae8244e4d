#include "cli/scenario_input.hpp"

#include <cstdio>

namespace repsim::cli {

std::optional<io::LoadedScenario> load_or_report(const std::string& path, std::optional<std::uint64_t> seed) {
  try {
    io::LoadOptions options;
    options.seed = seed;
    return io::load_scenario_file(path, options);
  } catch (const io::LoadError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return std::nullopt;
  }
}

std::string shipped_scenario(const std::string& name) {
  return std::string(REPSIM_SCENARIO_DIR) + "/" + name + ".json";
}

}  // namespace repsim::cli
