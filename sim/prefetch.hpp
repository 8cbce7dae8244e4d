#pragma once
// Cache hints for code that knows ahead which objects it will touch. A large run's per-entity
// state does not fit in cache; asking for the lines it will read ahead of time lets the misses
// overlap with other work. Hints have no observable effect.
#include <cstddef>
#include <cstdint>

namespace repsim::sim {

inline constexpr std::size_t kCacheLine = 64;

// Every cache line of the `bytes` bytes at `p`.
inline void prefetch_bytes(const void* p, std::size_t bytes) {
  const auto* begin = static_cast<const char*>(p);
  const std::size_t into_line = reinterpret_cast<std::uintptr_t>(p) % kCacheLine;
  for (const char* line = begin - into_line; line < begin + bytes; line += kCacheLine)
    __builtin_prefetch(line);
}

}  // namespace repsim::sim
