#pragma once
// Portable random numbers. Every stream is derived from (master seed, entity, purpose), so a model
// that draws more never shifts another model's draws: variants of a sweep share random numbers
// wherever they share entities (common random numbers).
#include <cstdint>
#include <string_view>

namespace repsim::sim {

// splitmix64 (Steele, Lea, Flood 2014): the seeding mixer, and the generator of the hold benchmark
// (the same sequence as the performance peers).
class SplitMix64 {
 public:
  explicit constexpr SplitMix64(std::uint64_t state = 0x9E3779B97F4A7C15ull) : state_(state) {}
  constexpr std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // In (0, 1): never 0, so -log(u) is finite.
  constexpr double uniform01() { return (static_cast<double>(next() >> 11) + 0.5) * 0x1.0p-53; }

 private:
  std::uint64_t state_;
};

// The splitmix64 finaliser on its own: a bijective 64-bit mix.
constexpr std::uint64_t mix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// FNV-1a 64: a stable hash of names (entity ids, purposes) on every platform.
constexpr std::uint64_t hash_name(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ull;
  }
  return h;
}

// xoshiro256** 1.0 (Blackman, Vigna): the generator behind every model's stream.
class RandomStream {
 public:
  // Seeds the four words from splitmix64(seed), as the reference implementation recommends.
  explicit RandomStream(std::uint64_t seed = 0);

  std::uint64_t next_u64();
  // In [0, 1) with 53 random bits.
  double uniform01() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }
  // In (0, 1): for logarithms.
  double uniform01_open() { return (static_cast<double>(next_u64() >> 11) + 0.5) * 0x1.0p-53; }
  // Uniform integer in [0, n) without modulo bias (Lemire's method); n > 0.
  std::uint64_t below(std::uint64_t n);

 private:
  std::uint64_t s_[4];
};

// Derives independent streams from one master seed.
class StreamFactory {
 public:
  explicit StreamFactory(std::uint64_t master_seed) : seed_(master_seed) {}
  std::uint64_t master_seed() const { return seed_; }
  RandomStream stream(std::string_view entity, std::string_view purpose) const {
    return RandomStream(derive(hash_name(entity), hash_name(purpose)));
  }
  RandomStream stream(std::uint64_t entity, std::string_view purpose) const {
    return RandomStream(derive(entity, hash_name(purpose)));
  }
  std::uint64_t derive(std::uint64_t entity, std::uint64_t purpose) const {
    return mix64(mix64(seed_ ^ mix64(entity + 0x632BE59BD9B4E019ull)) ^ (purpose + 0x8CB92BA72F3D8DD7ull));
  }

 private:
  std::uint64_t seed_;
};

}  // namespace repsim::sim
