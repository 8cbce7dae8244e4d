#pragma once
// A sweep that must not start: an output directory holding another sweep, shards that do not fit
// together, a bad --shard. The CLI exits 2 on it (bad input), as for a bad spec (io::LoadError);
// anything else that goes wrong while working is a plain std::runtime_error (exit 1).
#include <stdexcept>
#include <string>

namespace repsim::experiments {

class SweepRefused : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace repsim::experiments
