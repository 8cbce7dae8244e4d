#include "experiments/merge.hpp"

#include <optional>
#include <string>

#include "experiments/grid.hpp"
#include "experiments/journal.hpp"
#include "experiments/manifest.hpp"
#include "experiments/results_csv.hpp"
#include "experiments/sweep.hpp"
#include "experiments/sweep_error.hpp"

namespace repsim::experiments {
namespace fs = std::filesystem;
namespace {

Manifest manifest_in(const fs::path& dir) {
  std::optional<Manifest> m = read_manifest(dir);
  if (!m)
    throw SweepRefused(dir.string() + " is not a sweep output directory (it has no " + kManifestFile + ")");
  return *m;
}

std::string missing_text(const std::vector<RunId>& missing) {
  std::string s;
  for (std::size_t i = 0; i < missing.size() && i < 5; ++i) s += (i ? ", " : "") + std::to_string(missing[i]);
  if (missing.size() > 5) s += " and " + std::to_string(missing.size() - 5) + " more";
  return s;
}

}  // namespace

MergeReport merge_sweeps(const std::vector<fs::path>& dirs, const fs::path& out_dir) {
  if (dirs.empty()) throw SweepRefused("merge needs at least one sweep directory");
  std::vector<Manifest> manifests;
  manifests.reserve(dirs.size());
  for (const fs::path& d : dirs) manifests.push_back(manifest_in(d));
  const Manifest& first = manifests.front();
  for (std::size_t i = 1; i < dirs.size(); ++i)
    if (manifests[i].spec_hash != first.spec_hash)
      throw SweepRefused(dirs[i].string() + " holds a sweep of another spec than " + dirs[0].string() + " (" +
                         manifests[i].spec_file + ", hash " + manifests[i].spec_hash + " vs " +
                         first.spec_file + ", hash " + first.spec_hash + ")");
  SweepSpec spec;
  try {
    spec = parse_sweep_spec(first.spec, first.spec_file);
  } catch (const io::LoadError& e) {
    throw SweepRefused(dirs[0].string() + "/" + kManifestFile +
                       " holds a spec this repsim cannot read: " + e.what());
  }
  const Grid grid(spec);
  if (grid.run_count() != first.runs)
    throw SweepRefused(dirs[0].string() + "/" + kManifestFile + ": its spec has " +
                       std::to_string(grid.run_count()) + " runs, not " + std::to_string(first.runs));

  MergeReport report;
  std::vector<std::optional<std::size_t>> source(grid.run_count());  // which directory holds each run
  std::vector<RunRecord> records;
  for (std::size_t d = 0; d < dirs.size(); ++d) {
    JournalScan scan = read_journal(dirs[d] / kJournalFile, spec.metrics.size());
    report.bad_journal_lines += scan.bad_lines;
    for (RunRecord& r : scan.records) {
      if (!record_fits(grid, manifests[d].shard, r))
        throw SweepRefused((dirs[d] / kJournalFile).string() + " holds run " + std::to_string(r.id) +
                           ", which does not belong to " + manifests[d].shard.text() + " of this sweep");
      if (source[r.id])
        throw SweepRefused("run " + std::to_string(r.id) + " is in both " + dirs[*source[r.id]].string() +
                           " and " + dirs[d].string() + ": each run must come from exactly one shard");
      source[r.id] = d;
      records.push_back(std::move(r));
    }
  }
  std::vector<RunId> missing;
  for (RunId id = 0; id < grid.run_count(); ++id)
    if (!source[id]) missing.push_back(id);
  if (!missing.empty())
    throw SweepRefused(std::to_string(missing.size()) + " of " + std::to_string(grid.run_count()) +
                       " runs are in none of the directories: " + missing_text(missing) +
                       " (finish a shard with repsim sweep SPEC --resume --shard K/N --out ITS_DIR)");

  if (std::optional<Manifest> held = read_manifest(out_dir);
      held && (held->spec_hash != first.spec_hash || !held->shard.whole()))
    throw SweepRefused(out_dir.string() + " already holds " +
                       (held->spec_hash != first.spec_hash
                            ? std::string("a sweep of another spec")
                            : "shard " + held->shard.text() + " of this sweep") +
                       ": use another --out");

  Manifest merged = first;
  merged.shard = Shard{};
  std::vector<io::OutputFile> files = sweep_tables(grid, spec.metrics, records);
  std::string journal;
  std::vector<RunRecord> sorted(grid.run_count());
  for (RunRecord& r : records) sorted[r.id] = std::move(r);
  for (const RunRecord& r : sorted) journal += journal_line(r);
  write_manifest(out_dir, merged);
  io::write_files_atomic(out_dir, {io::OutputFile{kJournalFile, journal}});
  io::write_files_atomic(out_dir, files);
  report.runs = grid.run_count();
  return report;
}

}  // namespace repsim::experiments
