#pragma once
// Splitting a sweep across machines: shard K of N owns the run ids with id % N == K. Each shard is
// an ordinary sweep directory holding its own rows; `repsim merge` joins them (experiments/merge.hpp).
#include <cstdint>
#include <string>
#include <vector>

#include "experiments/grid.hpp"

namespace repsim::experiments {

struct Shard {
  std::uint64_t index = 0;
  std::uint64_t count = 1;  // 1: the whole sweep
  bool owns(RunId id) const { return id % count == index; }
  bool whole() const { return count == 1; }
  std::string text() const { return std::to_string(index) + "/" + std::to_string(count); }
};

// "K/N" with 0 <= K < N; throws std::invalid_argument saying what is wrong.
Shard parse_shard(const std::string& text);

// Which runs to do: the shard's run ids, in id order, that are not finished yet. `finished` is
// indexed by run id (shorter means the rest are not finished).
std::vector<RunId> runs_to_do(std::uint64_t run_count, const Shard& shard, const std::vector<bool>& finished);

}  // namespace repsim::experiments
