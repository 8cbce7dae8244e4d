// `repsim run SCENARIO`: replay one scenario, write its outputs, tell its story.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>

#include "cli/commands.hpp"
#include "cli/positive_number.hpp"
#include "cli/scenario_input.hpp"
#include "io/run_outputs.hpp"
#include "io/story.hpp"
#include "models/ecosystem.hpp"
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
void run_with_progress(models::Ecosystem& eco, sim::Time end) {
  const bool tty = isatty(fileno(stderr)) != 0;
  if (!tty) {
    eco.run_until(end);
    return;
  }
  const sim::Time slice = std::max<sim::Time>(end / 100, 1);
  for (sim::Time t = 0; t < end;) {
    t = std::min(end, t + slice);
    eco.run_until(t);
    std::fprintf(stderr, "\r  simulated %s of %s (%3.0f%%)", eco.calendar().short_text(t).c_str(),
                 sim::format_duration(end).c_str(),
                 100.0 * static_cast<double>(t) / static_cast<double>(end));
  }
  std::fprintf(stderr, "\r%60s\r", "");
}

int run(const RunOptions& o) {
  auto loaded = load_or_report(o.scenario, o.seed, o.scale, false);
  if (!loaded) return kExitBadInput;
  sim::Time end = loaded->config.duration;
  if (!o.until.empty()) {
    try {
      end = std::min(end, sim::parse_duration(o.until));
    } catch (const std::exception& e) {
      std::fprintf(stderr, "repsim run: --until: %s\n", e.what());
      return kExitBadInput;
    }
  }
  const std::string out_dir = o.out.empty() ? "out/" + loaded->config.name : o.out;
  const io::RunInfo info{loaded->config.name, loaded->description, loaded->config.seed};
  std::unique_ptr<models::Ecosystem> built;
  try {
    built = std::make_unique<models::Ecosystem>(std::move(loaded->config));
  } catch (const std::exception& e) {
    return report_refusal(*loaded, e);
  }
  models::Ecosystem& eco = *built;
  run_with_progress(eco, end);
  eco.finish();
  io::write_run_outputs(eco, info, out_dir);
  if (!o.quiet) std::fputs(io::story(eco).c_str(), stdout);
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
      ->check(kPositiveNumber);
  cmd->add_option("--until", o->until, "Stop early, e.g. 36h (default: the scenario's duration)");
  cmd->add_flag("--quiet", o->quiet, "Do not print the story");
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
