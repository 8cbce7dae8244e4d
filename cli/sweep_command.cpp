// `repsim sweep SPEC`: run a sweep spec (experiments/README.md) into an output directory, resumably.
#include <time.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include "cli/commands.hpp"
#include "cli/positive_number.hpp"
#include "experiments/results_csv.hpp"
#include "experiments/sweep.hpp"
#include "experiments/sweep_error.hpp"
#ifdef REPSIM_HAVE_MPI
#include "experiments/mpi_dealer.hpp"
#endif

namespace repsim::cli {
namespace {

struct SweepCliOptions {
  std::string spec;
  std::string out;
  unsigned jobs = 0;
  bool resume = false;
  std::string shard;
  bool dry_run = false;
  bool mpi = false;
  bool quiet = false;
};

std::string default_out(const std::string& spec, const experiments::Shard& shard) {
  std::string dir = "out/sweeps/" + std::filesystem::path(spec).stem().string();
  if (!shard.whole()) dir += ".shard-" + std::to_string(shard.index) + "-of-" + std::to_string(shard.count);
  return dir;
}

int dry_run(const experiments::SweepPlan& plan, const experiments::Shard& shard) {
  const std::vector<experiments::RunId> runs = experiments::runs_to_do(plan.grid.run_count(), shard, {});
  std::fputs(experiments::runs_csv(plan.grid, runs).c_str(), stdout);
  std::fprintf(stderr, "sweep: %llu variants x %u replications = %llu runs",
               static_cast<unsigned long long>(plan.grid.variant_count()), plan.grid.replications(),
               static_cast<unsigned long long>(plan.grid.run_count()));
  if (!shard.whole()) std::fprintf(stderr, "; shard %s runs %zu of them", shard.text().c_str(), runs.size());
  std::fputs(" (dry run: nothing written)\n", stderr);
  return 0;
}

void print_report(const experiments::SweepReport& r, const std::string& out, bool mpi) {
  if (r.discarded)
    std::fprintf(
        stderr,
        "sweep: %s held %llu finished runs of this sweep: started over (--resume continues instead)\n",
        out.c_str(), static_cast<unsigned long long>(r.discarded));
  if (r.bad_journal_lines)
    std::fprintf(stderr, "sweep: ignored %zu torn or unreadable journal line(s)\n", r.bad_journal_lines);
  std::printf("sweep: %llu of %llu runs done now", static_cast<unsigned long long>(r.ran),
              static_cast<unsigned long long>(r.shard_runs));
  if (r.already_done)
    std::printf(" (%llu were done before)", static_cast<unsigned long long>(r.already_done));
  if (r.ran && r.wall_seconds > 0 && mpi) {
    // The runs' CPU time is spent in other processes: no overhead figure.
    std::printf(" in %.2f s on %u MPI rank(s): %.2f runs/s", r.wall_seconds, r.threads,
                static_cast<double>(r.ran) / r.wall_seconds);
  } else if (r.ran && r.wall_seconds > 0) {
    std::printf(" in %.2f s on %u thread(s): %.2f runs/s", r.wall_seconds, r.threads,
                static_cast<double>(r.ran) / r.wall_seconds);
    // Everything this process did besides the runs themselves: reading and checking the spec, every
    // variant's trial build, the journal, the tables. CPU time, so a busy machine does not skew it.
    timespec ts{};
    ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    const double process_cpu = static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
    if (process_cpu > 0)
      std::printf("; runner overhead %.2f%% of CPU time (%.3f s of %.3f s outside the runs)",
                  100.0 * (process_cpu - r.run_cpu_seconds) / process_cpu, process_cpu - r.run_cpu_seconds,
                  process_cpu);
  }
  std::printf("\nresults: %s/%s\nsummary: %s/%s\n", out.c_str(), experiments::kResultsFile, out.c_str(),
              experiments::kSummaryFile);
}

#ifdef REPSIM_HAVE_MPI
// Every rank reads the spec (a run id is then all a worker needs); they agree to stop together when
// any could not, so no rank waits for a partner that has left. Only rank 0 prints.
int run_mpi(const SweepCliOptions& o, const experiments::Shard& shard) {
  experiments::MpiSession mpi;
  const bool root = mpi.rank() == 0;
  std::unique_ptr<experiments::SweepPlan> plan;
  std::string error;
  try {
    plan = std::make_unique<experiments::SweepPlan>(experiments::prepare_sweep(o.spec));
  } catch (const io::LoadError& e) {
    error = e.what();
  }
  if (!experiments::all_ranks_ok(plan != nullptr)) {
    if (root)
      std::fprintf(
          stderr, "%s\n",
          error.empty() ? "repsim sweep --mpi: another rank could not read the spec" : error.c_str());
    return kExitBadInput;
  }
  experiments::SweepOptions options;
  options.out_dir = o.out.empty() ? default_out(o.spec, shard) : o.out;
  options.resume = o.resume;
  options.shard = shard;
  options.progress = o.quiet ? nullptr : stderr;
  options.progress_tty = isatty(fileno(stderr)) != 0;
  try {
    const experiments::SweepReport report = experiments::run_sweep_mpi(*plan, options);
    if (root && !o.quiet) print_report(report, options.out_dir.string(), true);
  } catch (const experiments::SweepRefused& e) {
    std::fprintf(stderr, "repsim sweep: %s\n", e.what());
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "repsim sweep: %s\n(the finished runs are kept: add --resume to continue)\n",
                 e.what());
    return kExitFailure;
  }
  return 0;
}
#endif

int run(const SweepCliOptions& o) {
  experiments::Shard shard;
  if (!o.shard.empty()) {
    try {
      shard = experiments::parse_shard(o.shard);
    } catch (const std::invalid_argument& e) {
      std::fprintf(stderr, "repsim sweep: --shard: %s\n", e.what());
      return kExitBadInput;
    }
  }
  if (o.mpi) {
#ifdef REPSIM_HAVE_MPI
    return run_mpi(o, shard);
#else
    std::fputs(
        "repsim sweep: --mpi: this repsim was built without MPI support (configure with "
        "-DREPSIM_MPI=ON, which needs an MPI such as Open MPI, and start it with mpirun)\n",
        stderr);
    return kExitBadInput;
#endif
  }
  std::unique_ptr<experiments::SweepPlan> plan;
  try {
    plan = std::make_unique<experiments::SweepPlan>(experiments::prepare_sweep(o.spec));
  } catch (const io::LoadError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return kExitBadInput;
  }
  if (o.dry_run) return dry_run(*plan, shard);

  experiments::SweepOptions options;
  options.out_dir = o.out.empty() ? default_out(o.spec, shard) : o.out;
  options.threads = o.jobs;
  options.resume = o.resume;
  options.shard = shard;
  options.progress = o.quiet ? nullptr : stderr;
  options.progress_tty = isatty(fileno(stderr)) != 0;
  try {
    const experiments::SweepReport report = experiments::run_sweep(*plan, options);
    if (!o.quiet) print_report(report, options.out_dir.string(), false);
  } catch (const experiments::SweepRefused& e) {
    std::fprintf(stderr, "repsim sweep: %s\n", e.what());
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "repsim sweep: %s\n(the finished runs are kept: add --resume to continue)\n",
                 e.what());
    return kExitFailure;
  }
  return 0;
}

}  // namespace

Command add_sweep_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("sweep",
                                 "Run a sweep spec (experiments/*.json): many runs of a scenario, tabled in "
                                 "results.csv and summary.csv");
  auto o = std::make_shared<SweepCliOptions>();
  cmd->add_option("spec", o->spec, "Sweep spec file (JSON)")->required();
  cmd->add_option("--out", o->out, "Output directory (default out/sweeps/<spec file stem>)");
  auto* jobs = cmd->add_option("-j,--jobs", o->jobs, "Runs in parallel (default: every core)")
                   ->check(positive_number("--jobs"));
  cmd->add_flag("--resume", o->resume,
                "Continue an interrupted sweep in --out: redo only the unfinished runs");
  cmd->add_option("--shard", o->shard,
                  "Run only the run ids with id % N == K (K/N); join shards with repsim merge");
  auto* dry =
      cmd->add_flag("--dry-run", o->dry_run, "List the runs (id, parameters, seed) and write nothing");
  cmd->add_flag("--mpi", o->mpi,
                "Deal the runs to MPI ranks (start with mpirun; rank 0 writes --out, the others run)")
      ->excludes(jobs)
      ->excludes(dry);
  cmd->add_flag("--quiet", o->quiet, "Print nothing when the sweep succeeds (no progress, no report)");
  return {cmd, [o] { return run(*o); }};
}

}  // namespace repsim::cli
