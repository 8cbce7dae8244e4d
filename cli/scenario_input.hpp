#pragma once
// Loading a scenario for a subcommand: a bad file is reported as its one-line error on stderr,
// and the subcommand exits with status 2 before writing anything.
#include <cstdint>
#include <optional>
#include <string>

#include "io/scenario_loader.hpp"

namespace repsim::cli {

// `scale` is io::LoadOptions::scale (repsim run --scale). check_build false: the caller builds the
// ecosystem itself right away and reports a model's refusal with report_refusal (a large world
// is then built once, not twice).
std::optional<io::LoadedScenario> load_or_report(const std::string& path,
                                                 std::optional<std::uint64_t> seed = {}, double scale = 1.0,
                                                 bool check_build = true);
// A model's refusal of a loaded scenario, worded as the loader's check words it; exit status 2.
int report_refusal(const io::LoadedScenario& loaded, const std::exception& e);

// scenarios/<name>.json of the source tree this binary was built from.
std::string shipped_scenario(const std::string& name);

}  // namespace repsim::cli
