#pragma once
// The subcommands of `repsim`. Each registers its options on the app and runs when chosen; the
// exit status follows one rule: 0 success, 1 a failure while working, 2 bad input (a scenario or
// spec that does not load, bad arguments).
#include <CLI/CLI.hpp>
#include <functional>

namespace repsim::cli {

inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadInput = 2;

// A registered subcommand and what runs when parsing chose it.
struct Command {
  CLI::App* app;
  std::function<int()> run;
};
Command add_run_command(CLI::App& app);
Command add_validate_command(CLI::App& app);
Command add_graph_command(CLI::App& app);
Command add_bench_command(CLI::App& app);
Command add_sweep_command(CLI::App& app);
Command add_merge_command(CLI::App& app);
Command add_compare_command(CLI::App& app);
Command add_keys_command(CLI::App& app);

// The job `repsim` does with no subcommand: replay the flagship scenario.
int run_default_job();

}  // namespace repsim::cli
