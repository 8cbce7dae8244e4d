#include "experiments/sweep.hpp"

#include <time.h>

#include <atomic>
#include <chrono>
#include <stdexcept>

#include "experiments/progress.hpp"
#include "experiments/results_csv.hpp"
#include "experiments/run_one.hpp"
#include "experiments/runner.hpp"
#include "experiments/sweep_error.hpp"

namespace repsim::experiments {
namespace fs = std::filesystem;
namespace {

// For the overhead figure only: CPU time is what a loaded machine does not distort.
double thread_cpu_seconds() {
  timespec ts{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

std::string shard_words(const Shard& s) { return s.whole() ? "the whole sweep" : "shard " + s.text(); }

// Keeps the records of this grid and shard, each id once (the first).
std::vector<RunRecord> fitting_records(std::vector<RunRecord> records, const Grid& grid, const Shard& shard,
                                       std::size_t& dropped) {
  std::vector<bool> seen(grid.run_count(), false);
  std::vector<RunRecord> out;
  for (RunRecord& r : records) {
    if (!record_fits(grid, shard, r) || seen[r.id]) {
      ++dropped;
      continue;
    }
    seen[r.id] = true;
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

Manifest manifest_of(const SweepPlan& plan, const Shard& shard) {
  return Manifest{plan.hash, fs::path(plan.spec.file).filename().string(), shard, plan.grid.run_count(),
                  plan.spec.document};
}

bool record_fits(const Grid& grid, const Shard& shard, const RunRecord& r) {
  if (r.id >= grid.run_count() || !shard.owns(r.id)) return false;
  const Run expected = grid.run(r.id);
  return r.variant == expected.variant && r.replication == expected.replication && r.seed == expected.seed;
}

std::vector<RunRecord> open_sweep_dir(const SweepPlan& plan, const SweepOptions& o, SweepReport& report) {
  const fs::path journal = o.out_dir / kJournalFile;
  std::error_code ec;
  const bool has_journal = fs::exists(journal, ec);
  const std::optional<Manifest> held = read_manifest(o.out_dir);
  const std::string dir = o.out_dir.string();
  bool same = false;
  if (held && held->spec_hash != plan.hash) {
    if (o.resume)
      throw SweepRefused("cannot resume: " + dir + " holds a sweep of another spec (" + held->spec_file +
                         ", hash " + held->spec_hash + "; this spec's hash is " + plan.hash +
                         "): the spec or its scenario changed since. Use another --out, or drop --resume "
                         "and delete the directory to start over");
    if (has_journal)
      throw SweepRefused(dir + " already holds a sweep of another spec (" + held->spec_file + ", hash " +
                         held->spec_hash + "): use another --out, or delete the directory");
  } else if (held && held->shard.index == o.shard.index && held->shard.count == o.shard.count) {
    same = true;
  } else if (held && has_journal) {
    throw SweepRefused(dir + " holds " + shard_words(held->shard) + " of this sweep, not " +
                       shard_words(o.shard) + ": use another --out for each shard");
  } else if (!held && has_journal) {
    throw SweepRefused(dir + " holds a " + kJournalFile + " but no " + kManifestFile +
                       ": not a sweep directory; use another --out");
  }

  // The manifest first: a journal is never without the manifest that says whose it is, even when a
  // kill lands between the two writes.
  write_manifest(o.out_dir, manifest_of(plan, o.shard));
  std::vector<RunRecord> kept;
  if (same && has_journal) {
    JournalScan scan = read_journal(journal, plan.spec.metrics.size());
    report.bad_journal_lines = scan.bad_lines;
    std::size_t foreign = 0;
    kept = fitting_records(std::move(scan.records), plan.grid, o.shard, foreign);
    if (!o.resume) {
      report.discarded = kept.size();
      kept.clear();
    }
    report.already_done = kept.size();
    // Cut off a torn tail (and anything else unreadable) before appending after it.
    if (!o.resume || !scan.clean || foreign > 0) rewrite_journal(journal, kept);
  } else {
    rewrite_journal(journal, {});
  }
  return kept;
}

RunRecord execute_run(const SweepPlan& plan, RunId id, const fs::path& out_dir) {
  const Run run = plan.grid.run(id);
  const std::string keep =
      plan.spec.keep_runs ? (out_dir / "runs" / std::to_string(id)).string() : std::string();
  RunRecord r{run.id, run.variant, run.replication, run.seed, {}};
  r.metrics =
      run_one(variant_document(plan, run.variant), plan.scenario_name, run.seed, plan.spec.metrics, keep);
  return r;
}

void finish_sweep_dir(const fs::path& out_dir, const Grid& grid, const std::vector<MetricSpec>& metrics,
                      const Shard& shard) {
  std::size_t dropped = 0;
  std::vector<RunRecord> records =
      fitting_records(read_journal(out_dir / kJournalFile, metrics.size()).records, grid, shard, dropped);
  io::write_files_atomic(out_dir, sweep_tables(grid, metrics, std::move(records)));
}

SweepReport run_sweep(const SweepPlan& plan, const SweepOptions& o) {
  SweepReport report;
  std::vector<bool> finished(plan.grid.run_count(), false);
  for (const RunRecord& r : open_sweep_dir(plan, o, report)) finished[r.id] = true;
  const std::vector<RunId> todo = runs_to_do(plan.grid.run_count(), o.shard, finished);
  report.shard_runs = todo.size() + report.already_done;
  report.threads = static_cast<unsigned>(std::min<std::size_t>(o.threads ? o.threads : default_threads(),
                                                               std::max<std::size_t>(todo.size(), 1)));

  JournalWriter journal(o.out_dir / kJournalFile);
  Progress progress(o.progress, todo.size(), o.progress_tty);
  std::atomic<std::int64_t> run_ns{0};
  std::atomic<std::int64_t> run_cpu_ns{0};
  std::atomic<std::uint64_t> ran{0};
  const auto start = std::chrono::steady_clock::now();
  try {
    run_parallel(todo, report.threads, [&](RunId id) {
      const auto t0 = std::chrono::steady_clock::now();
      const double cpu0 = thread_cpu_seconds();
      RunRecord record;
      try {
        record = execute_run(plan, id, o.out_dir);
      } catch (const std::exception& e) {
        const Run r = plan.grid.run(id);
        throw std::runtime_error("run " + std::to_string(id) + " (variant " + std::to_string(r.variant) +
                                 ", replication " + std::to_string(r.replication) + "): " + e.what());
      }
      run_ns +=
          std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0).count();
      run_cpu_ns += static_cast<std::int64_t>((thread_cpu_seconds() - cpu0) * 1e9);
      journal.append(record);
      ++ran;
      progress.run_done();
    });
  } catch (...) {
    progress.finish();
    throw;
  }
  progress.finish();
  report.ran = ran;
  report.run_seconds = static_cast<double>(run_ns.load()) * 1e-9;
  report.run_cpu_seconds = static_cast<double>(run_cpu_ns.load()) * 1e-9;
  report.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  finish_sweep_dir(o.out_dir, plan.grid, plan.spec.metrics, o.shard);
  return report;
}

}  // namespace repsim::experiments
