#pragma once
// `repsim compare`: two designs (two scenario files, or variants of one) run on common random
// numbers, replication k of both with the seed a sweep gives its replication k
// (replication_seed(seed, k), experiments/grid.hpp), so a comparison and a sweep of the same seed
// agree run for run. For every tenant, population and gateway both designs have, the paired
// difference B - A of each measure (experiments/compare_measures.hpp) with its statistics
// (experiments/paired_statistics.hpp).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "experiments/compare_measures.hpp"
#include "experiments/paired_statistics.hpp"
#include "experiments/sweep_spec.hpp"
#include "sim/time.hpp"

namespace repsim::experiments {

inline constexpr std::uint32_t kMinCompareReplications = 2;  // a paired interval needs two
inline constexpr std::uint32_t kMaxCompareReplications = 10'000;

// "FILE" (the file as written) or "FILE#VARIANT" (one of its `variants`): split at the last '#'
// when what follows holds no '/' (a '#' in a directory name stays part of the path).
struct SideName {
  std::string file;
  std::string variant;  // empty: the baseline
};
SideName parse_side_name(const std::string& text);

struct CompareSide {
  std::string label;  // "a.json" or "a.json#dedicated", as the report names it
  std::string file;
  std::string description;  // the variant's, for the report
  nlohmann::json document;  // the variant's edits applied
};

// Reads the file, finds the variant, and loads and builds the result once with `seed` (as each run
// will), so that bad input fails before any run: an io::LoadError ("FILE: /pointer: why").
CompareSide load_compare_side(const SideName& name, std::uint64_t seed);

struct CompareOptions {
  std::uint32_t replications = 10;
  std::uint64_t seed = kDefaultSeed;  // as a sweep spec's `seed`
  std::optional<sim::Time> until;
  unsigned threads = 0;  // 0: every core
};

struct MeasureComparison {
  std::string kind;
  std::string id;
  CompareMeasure measure;
  PairedComparison stats;
  std::vector<double> a, b;  // per replication with both present
  std::vector<std::uint32_t> replications;
};

struct CompareResult {
  std::vector<std::uint64_t> seeds;         // per replication
  std::vector<MeasureComparison> rows;      // shared entities in A's order, measures in order
  std::vector<std::string> only_a, only_b;  // "kind id" of entities one side lacks
};

// Runs 2 x replications runs on `threads` threads; the result does not depend on the thread count.
// Throws what a run throws.
CompareResult run_compare(const CompareSide& a, const CompareSide& b, const CompareOptions& options);

}  // namespace repsim::experiments
