#include "io/suggest.hpp"

#include <algorithm>
#include <numeric>

namespace repsim::io {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Three rolling rows: the transposition step looks two rows back.
  const std::size_t n = b.size();
  std::vector<std::size_t> before(n + 1), prev(n + 1), cur(n + 1);
  std::iota(prev.begin(), prev.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= n; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        cur[j] = std::min(cur[j], before[j - 2] + 1);
    }
    before.swap(prev);
    prev.swap(cur);
  }
  return prev[n];
}

std::optional<std::string> closest_name(std::string_view wanted, const std::vector<std::string>& known) {
  const std::size_t limit = 1 + wanted.size() / 4;
  std::optional<std::string> best;
  std::size_t best_d = 0;
  for (const std::string& k : known) {
    const std::size_t d = edit_distance(wanted, k);
    if (d > limit || d >= wanted.size()) continue;
    if (!best || d < best_d) {
      best = k;
      best_d = d;
    }
  }
  return best;
}

std::string short_list(std::string_view wanted, const std::vector<std::string>& known,
                       std::size_t max_shown) {
  std::vector<std::size_t> order(known.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::vector<std::size_t> dist(known.size());
  for (std::size_t i = 0; i < known.size(); ++i) dist[i] = edit_distance(wanted, known[i]);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t x, std::size_t y) { return dist[x] < dist[y]; });
  std::string out;
  for (std::size_t i = 0; i < order.size() && i < max_shown; ++i) out += (i ? ", " : "") + known[order[i]];
  if (known.size() > max_shown) out += ", ...";
  return out;
}

}  // namespace repsim::io
