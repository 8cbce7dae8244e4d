#pragma once
// `repsim merge`: the shard directories of one sweep joined into one directory whose tables are
// byte-identical to those of the sweep run unsharded (and whose journal and sweep.json make it an
// ordinary, complete sweep directory). The shards must come from one spec (one hash) and hold every
// run exactly once; otherwise SweepRefused says what is wrong and nothing is written.
#include <cstdint>
#include <filesystem>
#include <vector>

namespace repsim::experiments {

struct MergeReport {
  std::uint64_t runs = 0;
  std::size_t bad_journal_lines = 0;  // torn or unreadable lines in the shards' journals, ignored
};

MergeReport merge_sweeps(const std::vector<std::filesystem::path>& shard_dirs,
                         const std::filesystem::path& out_dir);

}  // namespace repsim::experiments
