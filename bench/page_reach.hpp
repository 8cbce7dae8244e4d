#pragma once
// How far this machine's address translation reaches: a pointer chase that reads one cache line in
// each 4 KiB page of a block, in one random cycle through the pages. The lines (64 bytes of every
// 4 KiB) stay in the caches up to blocks of tens of MiB, so what a read costs beyond a cache hit is
// its translation. Where huge pages reach the TLB as huge pages, a 64 MiB block is 32 entries and
// costs what 8 MiB does. Under a hypervisor that backs the guest with 4 KiB pages, the TLB caches
// each 4 KiB page on its own whatever the guest asks for, and the cost climbs once the pages
// outnumber its few thousand entries. That bounds how flat the scale week's time per message can
// stay as the world grows (bench/README.md, "What bounds the growth").
#include <cstddef>
#include <cstdint>
#include <vector>

namespace repsim::bench {

inline constexpr std::size_t kSmallPage = 4096;
inline constexpr std::size_t kLine = 64;

// The chase's order: next[i] is the page read after page i; one cycle through all `pages` pages
// (Sattolo's shuffle), the same for a seed on every machine.
std::vector<std::uint32_t> page_cycle(std::size_t pages, std::uint64_t seed);

// Where page i's line sits in the block. The line within the page turns with the page number, and
// again every 64 pages: lines at one offset of every page would share a few of the caches' sets and
// evict each other long before the caches are full. So 64 consecutive pages use the 64 lines of a
// page, and 2,048 consecutive pages 2,048 different sets of a 2,048-set cache.
constexpr std::size_t line_offset(std::size_t page) {
  constexpr std::size_t kLinesPerPage = kSmallPage / kLine;
  return page * kSmallPage + ((page ^ (page / kLinesPerPage)) % kLinesPerPage) * kLine;
}

struct PageReachResult {
  std::size_t span_bytes = 0;
  std::size_t pages = 0;
  std::size_t huge_backed = 0;  // bytes of the block the kernel backs with huge pages (Linux; else 0)
  double ns_per_read = 0;
  // The control: the same number of lines in the same order, packed side by side in pages / 64
  // pages. The caches see the same lines; what the spread chase costs more is translation.
  double packed_ns_per_read = 0;
};

// Chases `reads` reads (after one untimed lap) through a block of span_bytes (rounded up to whole
// 4 KiB pages), advised as huge pages or as ordinary ones, and the same lines packed (the control).
PageReachResult measure_page_reach(std::size_t span_bytes, bool huge, std::uint64_t reads);

}  // namespace repsim::bench
