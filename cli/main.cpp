// repsim: one executable, one subcommand per job.
#include <cstdio>
#include <exception>
#include <vector>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  using namespace repsim::cli;
  CLI::App app{
      "repsim: a discrete-event simulator of the email reputation ecosystem.\n"
      "With no subcommand it replays the six-day outage of May 2012."};
  app.require_subcommand(0, 1);
  const std::vector<Command> commands{
      add_run_command(app),   add_validate_command(app), add_graph_command(app),   add_bench_command(app),
      add_sweep_command(app), add_merge_command(app),    add_compare_command(app), add_keys_command(app)};
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitBadInput;
  }
  try {
    for (const Command& c : commands)
      if (c.app->parsed()) return c.run();
    return run_default_job();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "repsim: %s\n", e.what());
    return kExitFailure;
  }
}
