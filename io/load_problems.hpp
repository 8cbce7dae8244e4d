#pragma once
// The problems of one scenario file, so `repsim validate` can list them all rather than the first.
// A problem that leaves the value usable (an unknown key or a key of another variant, ignored; a
// number out of its range, clamped to it) is recorded and loading goes on; one that makes going on
// meaningless (bad JSON, a wrong type, a missing key, an unknown id, a time outside the run, a
// duration of 0) is thrown at once, and the loader throws every problem found so far with it. A
// clamped number sits at its bound, which a later check of its own may still refuse; that problem
// then names its own pointer. The first problem is always the one a loader
// that stopped at the first would have thrown: recording happens exactly where that one threw.
#include <cstddef>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "io/load_error.hpp"

namespace repsim::io {

class LoadProblems {
 public:
  // Lines kept for the report; the rest are counted ("... and N more").
  static constexpr std::size_t kMaxKept = 20;

  // One problem per value: a second at the same file and pointer follows from the first (a key
  // rejected for its variant and then as unknown; a clamped value refused again) and is dropped.
  void add(const LoadError& e) {
    if (!seen_.emplace(e.file(), e.pointer()).second) return;
    if (kept_.size() < kMaxKept)
      kept_.push_back(e);
    else
      ++dropped_;
  }
  bool empty() const { return kept_.empty(); }
  std::size_t total() const { return kept_.size() + dropped_; }

  // The first problem, carrying every line.
  [[noreturn]] void throw_all() const {
    LoadError first = kept_.front();
    std::vector<std::string> lines;
    for (const LoadError& e : kept_) lines.push_back(e.what());
    first.set_all(std::move(lines), total());
    throw first;
  }

 private:
  std::set<std::pair<std::string, std::string>> seen_;
  std::vector<LoadError> kept_;
  std::size_t dropped_ = 0;
};

}  // namespace repsim::io
