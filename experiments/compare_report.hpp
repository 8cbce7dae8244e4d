#pragma once
// The outputs of `repsim compare` (README.md, "Comparing two designs"): compare.md, whose headline
// says in words which design is better for whom; differences.csv, one tidy row per entity and
// measure; replications.csv, the paired values behind them. Every number is a function of the
// result only, so the bytes do not depend on the thread count.
#include <string>
#include <vector>

#include "experiments/compare.hpp"

namespace repsim::experiments {

enum class Verdict {
  Same,          // every replication gave both sides the same value
  NoDifference,  // the paired 95% interval contains 0
  BBetter,       // B - A < 0 throughout the interval: B is lower (lower is better)
  ABetter,
  TooFew,  // fewer than two replications had a value on both sides
};
Verdict verdict_of(const PairedComparison& c);

// One line per shared entity: "newcomer (tenant): B is better: 63.6 h less cut off (95% CI
// 58.3..68.8)"; "same" when every measure is the same, "no difference" when no interval excludes 0.
std::vector<std::string> headline(const CompareResult& result);

// entity_kind,entity,measure,mean_a,mean_b,mean_diff,sd_diff,ci95_low,ci95_high,n,correlation,
// unpaired_ci95_low,unpaired_ci95_high,verdict (empty cells where a figure is undefined).
std::string differences_csv(const CompareResult& result);
// entity_kind,entity,measure,replication,seed,a,b,diff.
std::string replications_csv(const CompareResult& result);
std::string compare_markdown(const CompareResult& result, const CompareSide& a, const CompareSide& b,
                             const CompareOptions& options);

}  // namespace repsim::experiments
