#pragma once
// A scenario for a subcommand, loaded and built once through the pipeline (io::ScenarioRun): a
// file that does not load, or that the models refuse, is reported as its one-line error on stderr,
// and the subcommand exits with status 2 before writing anything.
#include <optional>
#include <string>

#include "io/scenario_loader.hpp"
#include "io/scenario_run.hpp"
#include "sim/time.hpp"

namespace repsim::cli {

// `options` are --seed and --scale; the run ends at min(until, the scenario's duration). nullopt
// once the error is reported.
std::optional<io::ScenarioRun> load_and_build(const std::string& path, const io::LoadOptions& options = {},
                                              sim::Time until = sim::kNever);

// scenarios/<name>.json of the source tree this binary was built from.
std::string shipped_scenario(const std::string& name);

}  // namespace repsim::cli
