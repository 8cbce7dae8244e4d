#include "experiments/shard.hpp"

#include <charconv>
#include <stdexcept>

namespace repsim::experiments {
namespace {

bool parse_u64(const std::string& s, std::uint64_t& out) {
  if (s.empty()) return false;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

}  // namespace

Shard parse_shard(const std::string& text) {
  const std::size_t slash = text.find('/');
  Shard s;
  if (slash == std::string::npos || !parse_u64(text.substr(0, slash), s.index) ||
      !parse_u64(text.substr(slash + 1), s.count))
    throw std::invalid_argument("'" + text + "' is not K/N (e.g. 0/4)");
  if (s.count == 0) throw std::invalid_argument("'" + text + "': N must be at least 1");
  if (s.index >= s.count)
    throw std::invalid_argument("'" + text + "': K must be below N (shards are numbered 0 .. N-1)");
  return s;
}

std::vector<RunId> runs_to_do(std::uint64_t run_count, const Shard& shard,
                              const std::vector<bool>& finished) {
  std::vector<RunId> out;
  for (RunId id = shard.index; id < run_count; id += shard.count)
    if (id >= finished.size() || !finished[id]) out.push_back(id);
  return out;
}

}  // namespace repsim::experiments
