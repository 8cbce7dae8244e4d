#include "sim/random.hpp"

#include <stdexcept>

namespace repsim::sim {

namespace {

__extension__ typedef unsigned __int128 u128;

constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

RandomStream::RandomStream(std::uint64_t seed) {
  // Four consecutive outputs of splitmix64 are four distinct images of a bijection, so at most one
  // of them can be zero: the all-zero state (xoshiro's only bad state) is impossible.
  SplitMix64 sm(seed);
  for (auto& w : s_) w = sm.next();
}

// xoshiro256** 1.0, transcribed from the reference xoshiro256starstar.c (Blackman, Vigna 2018).
std::uint64_t RandomStream::next_u64() {
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

// Lemire (2019), "Fast random integer generation in an interval": the high word of x * n is
// uniform on [0, n) once the low words below 2^64 mod n are rejected; the division that computes
// that threshold only runs when the low word is below n, i.e. rarely.
std::uint64_t RandomStream::below(std::uint64_t n) {
  if (n == 0) throw std::invalid_argument("RandomStream::below: n must be > 0");
  u128 m = static_cast<u128>(next_u64()) * n;
  auto low = static_cast<std::uint64_t>(m);
  if (low < n) {
    const std::uint64_t threshold = (0 - n) % n;  // 2^64 mod n
    while (low < threshold) {
      m = static_cast<u128>(next_u64()) * n;
      low = static_cast<std::uint64_t>(m);
    }
  }
  return static_cast<std::uint64_t>(m >> 64);
}

}  // namespace repsim::sim
