#pragma once
// A scenario for a subcommand, loaded and built once through the pipeline (io::ScenarioRun): a
// file that does not load, or that the models refuse, is reported on stderr, and the subcommand
// exits with status 2 before writing anything.
#include <optional>
#include <string>

#include "io/scenario_loader.hpp"
#include "io/scenario_run.hpp"
#include "sim/time.hpp"

namespace repsim::cli {

// How a file with several problems is reported: its first problem, then one line saying how many
// more there are and that `repsim validate FILE` lists them (run, graph, ...); or every problem,
// one per line, up to io::LoadProblems::kMaxKept, then "... and N more" (validate).
enum class Problems { First, All };

// `options` are --seed and --scale; the run ends at min(until, the scenario's duration). nullopt
// once the problems are reported.
std::optional<io::ScenarioRun> load_and_build(const std::string& path, const io::LoadOptions& options = {},
                                              sim::Time until = sim::kNever,
                                              Problems report = Problems::First);

// The lines that report `e` as `report` asks.
std::vector<std::string> problem_lines(const io::LoadError& e, Problems report);

// scenarios/<name>.json of the source tree this binary was built from.
std::string shipped_scenario(const std::string& name);

}  // namespace repsim::cli
