#pragma once
// Loading a scenario for a subcommand: a bad file is reported as its one-line error on stderr,
// and the subcommand exits with status 2 before writing anything.
#include <cstdint>
#include <optional>
#include <string>

#include "io/scenario_loader.hpp"

namespace repsim::cli {

std::optional<io::LoadedScenario> load_or_report(const std::string& path,
                                                 std::optional<std::uint64_t> seed = {});

// scenarios/<name>.json of the source tree this binary was built from.
std::string shipped_scenario(const std::string& name);

}  // namespace repsim::cli
