// The huge-page allocator: small blocks are ordinary, large ones aligned to a 2 MiB page; both hold
// their values like any vector's storage.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "sim/memory/huge_page_allocator.hpp"

using repsim::sim::HugePageAllocator;
using repsim::sim::kHugePage;

TEST_CASE("huge page allocator: large blocks start on a 2 MiB boundary", "[huge_pages]") {
  HugePageAllocator<std::uint64_t> alloc;
  const std::size_t n = (3 * kHugePage) / sizeof(std::uint64_t) + 1;  // just over 3 pages
  std::uint64_t* p = alloc.allocate(n);
  CHECK(reinterpret_cast<std::uintptr_t>(p) % kHugePage == 0);
  p[0] = 1;
  p[n - 1] = 2;  // the whole block is usable
  CHECK(p[0] + p[n - 1] == 3);
  alloc.deallocate(p, n);
}

TEST_CASE("huge page allocator backs a vector through growth, small and large", "[huge_pages]") {
  std::vector<std::uint32_t, HugePageAllocator<std::uint32_t>> v;
  for (std::uint32_t i = 0; i < 1000000; ++i) v.push_back(i * 3);  // grows past 1 MiB
  std::uint64_t sum = 0;
  for (std::uint32_t x : v) sum += x;
  CHECK(sum == 3 * (999999ull * 1000000ull / 2));
  v.resize(10);
  v.shrink_to_fit();  // back to an ordinary block
  CHECK(v.size() == 10);
  CHECK(v[9] == 27);
}

TEST_CASE("huge page allocator honours an over-aligned type, small or large", "[huge_pages]") {
  struct alignas(64) Line {
    std::uint64_t word = 0;
  };
  std::vector<Line, HugePageAllocator<Line>> small(3);      // 192 bytes: an ordinary block
  std::vector<Line, HugePageAllocator<Line>> large(40000);  // 2.4 MiB: huge pages
  CHECK(reinterpret_cast<std::uintptr_t>(small.data()) % 64 == 0);
  CHECK(reinterpret_cast<std::uintptr_t>(large.data()) % kHugePage == 0);
  small[2].word = 7;
  large[39999].word = 9;
  CHECK(small[2].word + large[39999].word == 16);
}
