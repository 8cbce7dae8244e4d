#pragma once
// Cache hints for code that knows ahead which objects it will touch. A large run's per-entity
// state does not fit in cache; asking for the lines it will read ahead of time lets the misses
// overlap with other work. Hints have no observable effect.
#include <cstddef>
#include <cstdint>
#include <utility>

namespace repsim::sim {

inline constexpr std::size_t kCacheLine = 64;

// One hint: asks for the cache line at p. g++ 12 finds a function whose only effect is a prefetch
// pure and deletes calls to it; the empty volatile asm is a side effect it must keep, at no cost.
// Every hint goes through here (bench/README.md, "Hints the compiler deleted").
inline void prefetch(const void* p) {
  __builtin_prefetch(p);
  asm volatile("");
}

// Hints are straight-line code, never a loop: g++ 12 assumes a loop without side effects finishes
// (-ffinite-loops) and deletes it (bench/README.md, "Where the time went").
template <std::size_t... Line>
inline void prefetch_lines(const char* begin, std::index_sequence<Line...> /*lines*/) {
  (prefetch(begin + Line * kCacheLine), ...);
}

// Every cache line of the first Bytes bytes at `p`: one hint per line from p, and one for the last
// byte (the range may straddle one more line when p is not line-aligned).
template <std::size_t Bytes>
inline void prefetch_bytes(const void* p) {
  static_assert(Bytes > 0);
  const auto* begin = static_cast<const char*>(p);
  prefetch_lines(begin, std::make_index_sequence<(Bytes + kCacheLine - 1) / kCacheLine>{});
  prefetch(begin + Bytes - 1);
}

}  // namespace repsim::sim
