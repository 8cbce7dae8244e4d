// Running sweeps for real on the tiny scenario: thread count, resume and shards change nothing in
// the tables; output directories of other sweeps are refused.
#include <catch2/catch.hpp>
#include <filesystem>

#include "experiments/merge.hpp"
#include "experiments/results_csv.hpp"
#include "experiments/sweep.hpp"
#include "experiments/sweep_error.hpp"
#include "sweep_fixture.hpp"

using namespace repsim;
using namespace repsim::experiments;
using namespace repsim::sweep_test;
namespace fs = std::filesystem;

namespace {

SweepReport sweep_into(const SweepPlan& plan, const fs::path& dir, unsigned threads, bool resume = false,
                       Shard shard = {}) {
  SweepOptions o;
  o.out_dir = dir;
  o.threads = threads;
  o.resume = resume;
  o.shard = shard;
  return run_sweep(plan, o);
}

// One uninterrupted single-threaded sweep of small_sweep_text(), shared by the tests that compare.
const fs::path& reference_dir() {
  static TempDir dir;
  static const bool done = [] {
    sweep_into(plan_from(small_sweep_text()), dir.path(), 1);
    return true;
  }();
  (void)done;
  return dir.path();
}

std::size_t lines_in(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace

TEST_CASE("a sweep writes its tables, journal and manifest", "[sweep]") {
  const fs::path& dir = reference_dir();
  const std::string results = read_file(dir / kResultsFile);
  CHECK(lines_in(results) == 13);  // header + 12 runs
  CHECK(results.rfind("run,variant,/gateways/0/policy,/providers/0/retry/first_retry,replication,seed,"
                      "contractor_outage_pair_hours,delivered,worst_p95,strict_latency\n0,0,good_only,5m,0,",
                      0) == 0);
  CHECK(lines_in(read_file(dir / kSummaryFile)) == 5);  // header + 4 variants
  CHECK(lines_in(read_file(dir / kJournalFile)) == 12);
  const auto m = read_manifest(dir);
  REQUIRE(m);
  CHECK(m->runs == 12);
  CHECK(m->shard.whole());
  CHECK(m->spec_hash == plan_from(small_sweep_text()).hash);
  CHECK_FALSE(fs::exists(dir / "runs"));  // keep_runs is off
}

TEST_CASE("replications differ, and a variant changes the outcome", "[sweep]") {
  // Guards the identity tests below against a sweep whose runs all print the same numbers.
  const SweepPlan plan = plan_from(small_sweep_text());
  const RunRecord r0 = execute_run(plan, 0, "");          // good_only, 5m, replication 0
  const RunRecord r1 = execute_run(plan, 1, "");          // replication 1: another seed
  const RunRecord r6 = execute_run(plan, 6, "");          // neutral_ok, 5m, replication 0
  CHECK(r0.metrics[1] != r1.metrics[1]);                  // delivered
  CHECK(r0.metrics[0] != r6.metrics[0]);                  // the contractor's outage hours
  CHECK(execute_run(plan, 0, "").metrics == r0.metrics);  // and a run is a pure function
}

TEST_CASE("one worker and two workers write byte-identical tables", "[sweep]") {
  TempDir two;
  const SweepReport r = sweep_into(plan_from(small_sweep_text()), two.path(), 2);
  CHECK(r.ran == 12);
  CHECK(r.threads == 2);
  CHECK(read_file(two.path() / kResultsFile) == read_file(reference_dir() / kResultsFile));
  CHECK(read_file(two.path() / kSummaryFile) == read_file(reference_dir() / kSummaryFile));
}

TEST_CASE("a resumed sweep after a kill equals an uninterrupted one, redoing only the missing runs",
          "[sweep]") {
  const SweepPlan plan = plan_from(small_sweep_text());
  TempDir dir;
  sweep_into(plan, dir.path(), 2);
  // A kill: the journal keeps 5 whole lines and 10 bytes of the 6th; the tables were never written.
  const std::string journal = read_file(dir.path() / kJournalFile);
  std::size_t cut = 0;
  for (int i = 0; i < 5; ++i) cut = journal.find('\n', cut) + 1;
  write_plain(dir.path() / kJournalFile, journal.substr(0, cut + 10));
  fs::remove(dir.path() / kResultsFile);
  fs::remove(dir.path() / kSummaryFile);

  const SweepReport r = sweep_into(plan, dir.path(), 2, true);
  CHECK(r.already_done == 5);
  CHECK(r.ran == 7);
  CHECK(r.bad_journal_lines == 1);
  CHECK(read_file(dir.path() / kResultsFile) == read_file(reference_dir() / kResultsFile));
  CHECK(read_file(dir.path() / kSummaryFile) == read_file(reference_dir() / kSummaryFile));
  // The torn line was cut before appending: 12 whole lines now.
  const JournalScan scan = read_journal(dir.path() / kJournalFile, plan.spec.metrics.size());
  CHECK(scan.clean);
  CHECK(scan.records.size() == 12);

  // Resuming a finished sweep runs nothing and rewrites the same tables.
  const SweepReport again = sweep_into(plan, dir.path(), 1, true);
  CHECK(again.ran == 0);
  CHECK(again.already_done == 12);
  CHECK(read_file(dir.path() / kResultsFile) == read_file(reference_dir() / kResultsFile));
}

TEST_CASE("without --resume a sweep of the same spec starts over", "[sweep]") {
  const SweepPlan plan = plan_from(small_sweep_text());
  TempDir dir;
  sweep_into(plan, dir.path(), 2);
  const SweepReport r = sweep_into(plan, dir.path(), 2);
  CHECK(r.discarded == 12);
  CHECK(r.ran == 12);
  CHECK(lines_in(read_file(dir.path() / kJournalFile)) == 12);
  CHECK(read_file(dir.path() / kResultsFile) == read_file(reference_dir() / kResultsFile));
}

TEST_CASE("an output directory of another spec or shard is refused", "[sweep]") {
  std::string other_text = small_sweep_text();
  other_text.replace(other_text.find("\"replications\": 3"), 17, "\"replications\": 1");
  const SweepPlan other = plan_from(other_text);
  const fs::path& dir = reference_dir();
  const std::string before = read_file(dir / kJournalFile);
  const auto refusal = [&](const SweepPlan& p, bool resume, Shard shard = {}) -> std::string {
    try {
      sweep_into(p, dir, 1, resume, shard);
    } catch (const SweepRefused& e) {
      return e.what();
    }
    return "";
  };
  CHECK(refusal(other, true)
            .rfind("cannot resume: " + dir.string() + " holds a sweep of another spec (spec.json, hash ",
                   0) == 0);
  CHECK(refusal(other, false)
            .rfind(dir.string() + " already holds a sweep of another spec (spec.json, hash ", 0) == 0);
  CHECK(refusal(plan_from(small_sweep_text()), true, Shard{1, 2}) ==
        dir.string() +
            " holds the whole sweep of this sweep, not shard 1/2: use another --out for each shard");
  CHECK(read_file(dir / kJournalFile) == before);  // untouched
}

TEST_CASE("a kill between sweep.json and the journal leaves a directory that resumes", "[sweep]") {
  const SweepPlan plan = plan_from(small_sweep_text());
  TempDir dir;
  sweep_into(plan, dir.path(), 2);
  // sweep.json is written first: a kill right after it leaves no journal and no tables.
  fs::remove(dir.path() / kJournalFile);
  fs::remove(dir.path() / kResultsFile);
  fs::remove(dir.path() / kSummaryFile);
  const SweepReport r = sweep_into(plan, dir.path(), 2, true);
  CHECK(r.ran == 12);
  CHECK(read_file(dir.path() / kResultsFile) == read_file(reference_dir() / kResultsFile));
  // A journal without sweep.json is nobody's: refused rather than mixed in.
  fs::remove(dir.path() / kManifestFile);
  CHECK_THROWS_AS(sweep_into(plan, dir.path(), 1, true), SweepRefused);
}

TEST_CASE("shards 0/2 and 1/2 merged equal the unsharded sweep", "[sweep]") {
  const SweepPlan plan = plan_from(small_sweep_text());
  TempDir s0, s1, merged;
  const SweepReport r0 = sweep_into(plan, s0.path(), 2, false, Shard{0, 2});
  sweep_into(plan, s1.path(), 1, false, Shard{1, 2});
  CHECK(r0.shard_runs == 6);  // ids 0, 2, 4, 6, 8, 10
  CHECK(lines_in(read_file(s0.path() / kResultsFile)) == 7);
  CHECK(read_file(s0.path() / kResultsFile).find("\n1,") == std::string::npos);

  const MergeReport m = merge_sweeps({s1.path(), s0.path()}, merged.path());
  CHECK(m.runs == 12);
  CHECK(read_file(merged.path() / kResultsFile) == read_file(reference_dir() / kResultsFile));
  CHECK(read_file(merged.path() / kSummaryFile) == read_file(reference_dir() / kSummaryFile));
  // The merged directory is a complete sweep: resuming it runs nothing.
  CHECK(sweep_into(plan, merged.path(), 1, true).ran == 0);

  const auto refusal = [](const std::vector<fs::path>& dirs, const fs::path& out) -> std::string {
    try {
      merge_sweeps(dirs, out);
    } catch (const SweepRefused& e) {
      return e.what();
    }
    return "";
  };
  TempDir out;
  // Shard 0 alone misses the odd ids.
  CHECK(refusal({s0.path()}, out.path()) ==
        "6 of 12 runs are in none of the directories: 1, 3, 5, 7, 9 and 1 more (finish a shard with repsim "
        "sweep "
        "SPEC --resume --shard K/N --out ITS_DIR)");
  // s1 ran on one thread: its journal starts with run 1.
  CHECK(refusal({s1.path(), s1.path()}, out.path()) == "run 1 is in both " + s1.path().string() + " and " +
                                                           s1.path().string() +
                                                           ": each run must come from exactly one shard");
  CHECK(refusal({s0.path(), out.path()}, out.path()) ==
        out.path().string() + " is not a sweep output directory (it has no sweep.json)");
  CHECK(refusal({s0.path(), s1.path()}, s0.path()) ==
        s0.path().string() + " already holds shard 0/2 of this sweep: use another --out");
  // Another spec's shard.
  std::string other_text = small_sweep_text();
  other_text.replace(other_text.find("\"seed\": 11"), 10, "\"seed\": 12");
  TempDir foreign;
  sweep_into(plan_from(other_text), foreign.path(), 1, false, Shard{1, 2});
  CHECK(refusal({s0.path(), foreign.path()}, out.path())
            .rfind(foreign.path().string() + " holds a sweep of another spec than " + s0.path().string(),
                   0) == 0);
  CHECK(fs::is_empty(out.path()));
}

TEST_CASE("keep_runs writes each run's full outputs", "[sweep]") {
  std::string text = spec_text(R"(, "replications": 2, "keep_runs": true, "set": {"/duration": "6h"})");
  TempDir dir;
  sweep_into(plan_from(text), dir.path(), 2);
  for (const char* run : {"0", "1"})
    for (const char* f : {"summary.json", "timeseries.csv", "events.csv", "report.html"})
      CHECK(fs::exists(dir.path() / "runs" / run / f));
  // The run's summary holds the replication's seed, not the scenario's 5.
  CHECK(read_file(dir.path() / "runs" / "1" / "summary.json")
            .find("\"seed\": " + std::to_string(replication_seed(1, 1))) != std::string::npos);
}
