#include "cli/scenario_input.hpp"

#include <cstdio>

namespace repsim::cli {

std::optional<io::LoadedScenario> load_or_report(const std::string& path, std::optional<std::uint64_t> seed,
                                                 double scale, bool check_build) {
  try {
    io::LoadOptions options;
    options.seed = seed;
    options.scale = scale;
    options.check_build = check_build;
    return io::load_scenario_file(path, options);
  } catch (const io::LoadError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return std::nullopt;
  }
}

int report_refusal(const io::LoadedScenario& loaded, const std::exception& e) {
  const io::LoadError error(loaded.source, "", std::string("the models refuse this scenario: ") + e.what());
  std::fprintf(stderr, "%s\n", error.what());
  return 2;
}

std::string shipped_scenario(const std::string& name) {
  return std::string(REPSIM_SCENARIO_DIR) + "/" + name + ".json";
}

}  // namespace repsim::cli
