#pragma once
// Running a sweep into an output directory:
//   sweep.json   which sweep and shard the directory holds (experiments/manifest.hpp)
//   runs.jsonl   the journal: one line per finished run (experiments/journal.hpp)
//   results.csv, summary.csv   the tables, rewritten from the journal at the end
//   runs/<id>/   each run's full outputs, with the spec's keep_runs
// A sweep killed at any moment and run again with resume finishes with the same tables as one that
// was never interrupted, redoing only the runs missing from the journal.
//
// The pieces are public for other dealers of runs (an MPI rank 0 hands out the same run ids): the
// runs to do are runs_to_do(plan.grid.run_count(), shard, finished) (experiments/shard.hpp), a run
// is execute_run, a finished run is recorded by JournalWriter::append, and finish_sweep_dir writes
// the tables. run_sweep is those pieces on the thread pool of experiments/runner.hpp.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <vector>

#include "experiments/journal.hpp"
#include "experiments/manifest.hpp"
#include "experiments/shard.hpp"
#include "experiments/sweep_plan.hpp"

namespace repsim::experiments {

struct SweepOptions {
  std::filesystem::path out_dir;
  unsigned threads = 0;  // 0: every core (default_threads())
  bool resume = false;
  Shard shard;
  std::FILE* progress = nullptr;  // nullptr: no progress display
  bool progress_tty = false;      // a redrawn bar rather than a line per 5%
};

struct SweepReport {
  std::uint64_t shard_runs = 0;    // runs of the sweep this shard owns
  std::uint64_t already_done = 0;  // of those, found finished in the journal (resume)
  std::uint64_t ran = 0;
  std::uint64_t discarded = 0;        // finished runs of an earlier sweep of this spec, started over
  std::size_t bad_journal_lines = 0;  // torn or unreadable lines dropped on resume
  unsigned threads = 1;
  double wall_seconds = 0;     // the running phase, wall clock (display only)
  double run_seconds = 0;      // summed over the runs, wall time inside execute_run (display only)
  double run_cpu_seconds = 0;  // summed over the runs, CPU time of the thread inside execute_run
};

// Throws SweepRefused when out_dir holds another sweep (another spec, another shard of this one, or
// files not of a sweep); io errors and a failing run are std::runtime_error, with every run
// finished before it kept in the journal.
SweepReport run_sweep(const SweepPlan& plan, const SweepOptions& options);

Manifest manifest_of(const SweepPlan& plan, const Shard& shard);

// Checks out_dir against the sweep and readies its journal: with resume, the journal's valid
// records of this shard (the file rewritten without torn or foreign lines when it had any);
// without, a fresh empty journal. Writes sweep.json.
std::vector<RunRecord> open_sweep_dir(const SweepPlan& plan, const SweepOptions& options,
                                      SweepReport& report);

// One run of the plan: its variant's document, its replication's seed, its metrics; with the
// spec's keep_runs, its outputs in out_dir/runs/<id>/.
RunRecord execute_run(const SweepPlan& plan, RunId id, const std::filesystem::path& out_dir);

// Whether a journal record belongs to this grid and shard, with the variant, replication and seed
// its id implies.
bool record_fits(const Grid& grid, const Shard& shard, const RunRecord& record);

// Writes results.csv and summary.csv from the directory's journal, atomically.
void finish_sweep_dir(const std::filesystem::path& out_dir, const Grid& grid,
                      const std::vector<MetricSpec>& metrics, const Shard& shard);

}  // namespace repsim::experiments
