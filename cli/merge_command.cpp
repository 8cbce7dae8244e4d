// `repsim merge DIR...`: join the shard directories of one sweep into one complete sweep directory.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "experiments/manifest.hpp"
#include "experiments/merge.hpp"
#include "experiments/results_csv.hpp"
#include "experiments/sweep_error.hpp"

namespace repsim::cli {
namespace {

struct MergeOptions {
  std::vector<std::string> dirs;
  std::string out;
};

int run(const MergeOptions& o) {
  try {
    std::string out = o.out;
    if (out.empty()) {
      const auto m = experiments::read_manifest(o.dirs.front());
      if (!m) throw experiments::SweepRefused(o.dirs.front() + " is not a sweep output directory");
      out = "out/sweeps/" + std::filesystem::path(m->spec_file).stem().string();
    }
    const std::vector<std::filesystem::path> dirs(o.dirs.begin(), o.dirs.end());
    const experiments::MergeReport r = experiments::merge_sweeps(dirs, out);
    if (r.bad_journal_lines)
      std::fprintf(stderr, "merge: ignored %zu torn or unreadable journal line(s)\n", r.bad_journal_lines);
    std::printf("merge: %llu runs from %zu directories\nresults: %s/%s\nsummary: %s/%s\n",
                static_cast<unsigned long long>(r.runs), dirs.size(), out.c_str(), experiments::kResultsFile,
                out.c_str(), experiments::kSummaryFile);
    return 0;
  } catch (const experiments::SweepRefused& e) {
    std::fprintf(stderr, "repsim merge: %s\n", e.what());
    return kExitBadInput;
  }
}

}  // namespace

Command add_merge_command(CLI::App& app) {
  auto* cmd =
      app.add_subcommand("merge", "Join the shard directories of one sweep (repsim sweep --shard K/N)");
  auto o = std::make_shared<MergeOptions>();
  cmd->add_option("dirs", o->dirs, "Shard output directories")->required();
  cmd->add_option("--out", o->out, "Output directory (default out/sweeps/<spec file stem>)");
  return {cmd, [o] { return run(*o); }};
}

}  // namespace repsim::cli
