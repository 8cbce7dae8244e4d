// repsim: one executable, one subcommand per job.
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "cli/command_line.hpp"
#include "cli/commands.hpp"
#include "cli/positive_number.hpp"
#include "cli/version.hpp"

int main(int argc, char** argv) {
  using namespace repsim::cli;
  CLI::App app{
      "repsim: a discrete-event simulator of the email reputation ecosystem.\n"
      "With no subcommand it replays the six-day outage of May 2012."};
  app.require_subcommand(0, 1);
  app.failure_message([](const CLI::App*, const CLI::Error& e) {
    return without_repeated_name(e.what()) + "\nRun with --help for more information.\n";
  });
  app.set_version_flag("--version", version_line(), "Print the version, git commit and build type");
  const std::vector<Command> commands{
      add_run_command(app),   add_validate_command(app), add_graph_command(app),   add_bench_command(app),
      add_sweep_command(app), add_merge_command(app),    add_compare_command(app), add_keys_command(app)};
  // Listed in the help; `repsim help CMD` is rewritten to `repsim CMD --help` before parsing.
  app.add_subcommand("help", "Show a command's help: repsim help run (the same as repsim run --help)");

  const std::vector<std::string> args = expand_help(std::vector<std::string>(argv + 1, argv + argc));
  if (const auto problem = unknown_name(app, args)) {
    std::fprintf(stderr, "%s\n", problem->c_str());
    return kExitBadInput;
  }
  std::vector<const char*> parsed_argv{argv[0]};
  for (const std::string& a : args) parsed_argv.push_back(a.c_str());
  try {
    app.parse(static_cast<int>(parsed_argv.size()), parsed_argv.data());
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
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
