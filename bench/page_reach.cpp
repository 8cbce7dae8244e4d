#include "bench/page_reach.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <new>
#include <string>
#include <utility>

#include "sim/memory/huge_page_allocator.hpp"
#include "sim/random.hpp"

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace repsim::bench {
namespace {

// Any fixed seed: the chase's order is then the same on every machine ("pages" in ASCII).
constexpr std::uint64_t kChaseSeed = 0x7061676573ull;

constexpr std::size_t whole_huge_pages(std::size_t bytes) {
  return (bytes + sim::kHugePage - 1) / sim::kHugePage * sim::kHugePage;
}

// A block mapped for the chase alone, so that what the kernel reports for its mapping is about
// this block and not about a heap it shares with other allocations.
class ChaseBlock {
 public:
  ChaseBlock(std::size_t bytes, bool huge) : bytes_(bytes) {
#if defined(__linux__)
    // Whole huge pages and one more of slack, so the block starts on a huge page boundary and its
    // last huge page lies inside the mapping too.
    mapped_ = whole_huge_pages(bytes) + sim::kHugePage;
    void* p = ::mmap(nullptr, mapped_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    map_ = static_cast<std::byte*>(p);
    const auto at = reinterpret_cast<std::uintptr_t>(map_);
    data_ = map_ + ((sim::kHugePage - at % sim::kHugePage) % sim::kHugePage);
#if defined(MADV_HUGEPAGE) && defined(MADV_NOHUGEPAGE)
    ::madvise(map_, mapped_, huge ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);  // advice: may be refused
#endif
#else
    (void)huge;
    data_ = static_cast<std::byte*>(std::aligned_alloc(sim::kHugePage, whole_huge_pages(bytes)));
    if (data_ == nullptr) throw std::bad_alloc();
#endif
    std::memset(data_, 0, bytes_);  // every page backed before the clock starts
  }
  ChaseBlock(const ChaseBlock&) = delete;
  ChaseBlock& operator=(const ChaseBlock&) = delete;
  ~ChaseBlock() {
#if defined(__linux__)
    ::munmap(map_, mapped_);
#else
    std::free(data_);
#endif
  }
  std::byte* data() const { return data_; }
  std::size_t bytes() const { return bytes_; }

 private:
  std::size_t bytes_;
  std::byte* data_ = nullptr;
#if defined(__linux__)
  std::byte* map_ = nullptr;
  std::size_t mapped_ = 0;
#endif
};

// Bytes of [begin, begin + bytes) that the kernel backs with transparent huge pages, from the
// AnonHugePages of the mappings that overlap it (at most `bytes`); 0 where there is no smaps.
std::size_t huge_backed_bytes(const std::byte* begin, std::size_t bytes) {
  std::ifstream smaps("/proc/self/smaps");
  const auto lo = reinterpret_cast<std::uintptr_t>(begin);
  const auto hi = lo + bytes;
  bool overlaps = false;
  std::size_t total = 0;
  std::string line;
  while (std::getline(smaps, line)) {
    unsigned long from = 0;
    unsigned long to = 0;
    unsigned long kib = 0;
    if (std::sscanf(line.c_str(), "%lx-%lx ", &from, &to) == 2) {
      overlaps = from < hi && to > lo;
    } else if (overlaps && std::sscanf(line.c_str(), "AnonHugePages: %lu kB", &kib) == 1) {
      total += static_cast<std::size_t>(kib) * 1024;
    }
  }
  return std::min(total, bytes);
}

std::byte* load_link(const std::byte* at) {
  std::byte* next = nullptr;
  std::memcpy(&next, at, sizeof next);
  return next;
}

// Links line at(i) to line at(next[i]) and follows the links: ns a read, after one untimed lap.
template <class Offset>
double chase(std::byte* base, const std::vector<std::uint32_t>& next, std::uint64_t reads, Offset at) {
  for (std::size_t i = 0; i < next.size(); ++i) {
    std::byte* to = base + at(next[i]);
    std::memcpy(base + at(i), &to, sizeof to);
  }
  std::byte* p = base;
  for (std::size_t i = 0; i < next.size(); ++i) p = load_link(p);  // lines and translations warm
  const auto t0 = std::chrono::steady_clock::now();
  for (std::uint64_t i = 0; i < reads; ++i) p = load_link(p);
  const auto t1 = std::chrono::steady_clock::now();
  asm volatile("" : : "r"(p));  // the chase's end is used, so the loop stays
  return reads == 0 ? 0.0 : std::chrono::duration<double, std::nano>(t1 - t0).count() / static_cast<double>(reads);
}

}  // namespace

std::vector<std::uint32_t> page_cycle(std::size_t pages, std::uint64_t seed) {
  std::vector<std::uint32_t> next(pages);
  for (std::size_t i = 0; i < pages; ++i) next[i] = static_cast<std::uint32_t>(i);
  // Sattolo: j strictly below i makes i -> next[i] a single cycle.
  sim::RandomStream rng(seed);
  for (std::size_t i = pages; i > 1; --i) std::swap(next[i - 1], next[rng.below(i - 1)]);
  return next;
}

PageReachResult measure_page_reach(std::size_t span_bytes, bool huge, std::uint64_t reads) {
  const std::size_t pages = std::max<std::size_t>(1, (span_bytes + kSmallPage - 1) / kSmallPage);
  const auto next = page_cycle(pages, kChaseSeed);
  PageReachResult r;
  r.pages = pages;
  {
    ChaseBlock spread(pages * kSmallPage, huge);
    r.ns_per_read = chase(spread.data(), next, reads, line_offset);
    r.span_bytes = spread.bytes();
    r.huge_backed = huge_backed_bytes(spread.data(), spread.bytes());
  }
  ChaseBlock packed(pages * kLine, huge);
  r.packed_ns_per_read = chase(packed.data(), next, reads, [](std::size_t i) { return i * kLine; });
  return r;
}

}  // namespace repsim::bench
