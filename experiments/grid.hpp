#pragma once
// The runs of a sweep. The vary entries span a full grid of variants: each entry is an axis, except
// that entries sharing a zip name form one axis together. Variants are numbered like nested loops
// in spec order, the first axis outermost (the last entry's values change fastest); each variant
// has `replications` runs, so run id = variant * replications + replication.
// Replication r uses the same seed in every variant (common random numbers).
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "experiments/sweep_spec.hpp"

namespace repsim::experiments {

using RunId = std::uint64_t;

struct Run {
  RunId id = 0;
  std::uint64_t variant = 0;
  std::uint32_t replication = 0;
  std::uint64_t seed = 0;
};

// The seed of replication r: a function of the spec's seed and r only.
std::uint64_t replication_seed(std::uint64_t spec_seed, std::uint32_t replication);

class Grid {
 public:
  explicit Grid(const SweepSpec& spec);

  std::uint64_t variant_count() const { return variants_; }
  std::uint32_t replications() const { return replications_; }
  std::uint64_t run_count() const { return variants_ * replications_; }
  Run run(RunId id) const;

  // The scenario pointers varied, in spec order: the parameter columns of the tables.
  const std::vector<std::string>& columns() const { return columns_; }
  // For each vary entry, the index of the variant's value in that entry's list.
  std::vector<std::size_t> positions(std::uint64_t variant) const;
  // The variant's value of each vary entry, in spec order.
  std::vector<const nlohmann::json*> parameters(std::uint64_t variant) const;

 private:
  struct Axis {
    std::vector<std::size_t> entries;  // vary entries moving together
    std::size_t length = 1;
  };
  std::vector<Axis> axes_;
  std::vector<std::vector<nlohmann::json>> values_;  // per vary entry
  std::vector<std::string> columns_;
  std::uint64_t variants_ = 1;
  std::uint32_t replications_ = 1;
  std::uint64_t seed_ = 0;
};

}  // namespace repsim::experiments
