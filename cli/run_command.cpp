// `repsim run SCENARIO`: replay one scenario, write its outputs, tell its story.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>

#include "cli/commands.hpp"
#include "cli/positive_number.hpp"
#include "cli/scenario_input.hpp"
#include "io/scenario_run.hpp"
#include "sim/time.hpp"

namespace repsim::cli {
namespace {

struct RunOptions {
  std::string scenario;
  std::string out;
  std::optional<std::uint64_t> seed;
  double scale = 1.0;
  std::string until;
  bool quiet = false;
};

// Runs in 1% slices of simulated time so a person at a terminal sees it move; a pipe gets nothing.
void run_with_progress(io::ScenarioRun& run) {
  if (isatty(fileno(stderr)) == 0) {
    run.run();
    return;
  }
  const sim::Time end = run.end();
  run.run_in_slices(end, std::max<sim::Time>(end / 100, 1), [end](const io::ScenarioRun& r) {
    std::fprintf(stderr, "\r  simulated %s of %s (%3.0f%%)", r.config().calendar.short_text(r.now()).c_str(),
                 sim::format_duration(end).c_str(),
                 100.0 * static_cast<double>(r.now()) / static_cast<double>(end));
    return true;
  });
  std::fprintf(stderr, "\r%60s\r", "");
}

int run(const RunOptions& o) {
  sim::Time until = sim::kNever;
  if (!o.until.empty()) {
    try {
      until = sim::parse_duration(o.until);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "repsim run: --until: %s\n", e.what());
      return kExitBadInput;
    }
  }
  io::LoadOptions options;
  options.seed = o.seed;
  options.scale = o.scale;
  auto pipeline = load_and_build(o.scenario, options, until);
  if (!pipeline) return kExitBadInput;
  const sim::Time duration = pipeline->config().duration;
  if (until != sim::kNever && until > duration && !o.quiet)
    std::fprintf(stderr, "repsim run: --until %s is past the scenario's end (%s): the run stops at %s\n",
                 o.until.c_str(), sim::format_duration(duration).c_str(),
                 sim::format_duration(duration).c_str());
  const std::string out_dir = o.out.empty() ? "out/" + pipeline->config().name : o.out;
  if (o.quiet)
    pipeline->run();
  else
    run_with_progress(*pipeline);
  pipeline->finish();
  pipeline->write_outputs(out_dir);
  if (o.quiet) return 0;
  std::fputs(pipeline->story().c_str(), stdout);
  std::printf(
      "outputs: %s/{summary.json,timeseries.csv,events.csv}\nreport:  %s/report.html (open it in a "
      "browser)\n",
      out_dir.c_str(), out_dir.c_str());
  return 0;
}

}  // namespace

Command add_run_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "run", "Replay a scenario and write summary.json, timeseries.csv, events.csv, report.html");
  auto o = std::make_shared<RunOptions>();
  cmd->add_option("scenario", o->scenario, "Scenario file (JSON)")->required();
  cmd->add_option("--out", o->out, "Output directory (default out/<scenario name>)");
  cmd->add_option("--seed", o->seed, "Replace the scenario's seed");
  cmd->add_option("--scale", o->scale,
                  "Multiply the world's populations, pool sizes and single senders' volume (e.g. 0.125)")
      ->check(positive_number("--scale"));
  cmd->add_option("--until", o->until, "Stop early, e.g. 36h (default: the scenario's duration)");
  cmd->add_flag("--quiet", o->quiet,
                "Print nothing when the run succeeds (no progress, story, output paths or warnings)");
  return {cmd, [o] { return run(*o); }};
}

int run_default_job() {
  const std::string path = shipped_scenario("six_day_outage");
  std::fprintf(stderr, "repsim: replaying %s (repsim --help lists the subcommands)\n", path.c_str());
  RunOptions o;
  o.scenario = path;
  return run(o);
}

}  // namespace repsim::cli
