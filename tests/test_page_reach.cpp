// The translation-reach chase (bench/page_reach.hpp): one cycle through every page, one line in
// each page at offsets that spread over the caches' sets, and a block of the size asked for.
#include <catch2/catch.hpp>

#include <cstdint>
#include <set>
#include <vector>

#include "bench/page_reach.hpp"

using repsim::bench::line_offset;
using repsim::bench::measure_page_reach;
using repsim::bench::page_cycle;

namespace {
// Steps from page 0 back to page 0, or 0 when the walk never returns within next.size() steps.
std::size_t cycle_length(const std::vector<std::uint32_t>& next) {
  std::uint32_t at = 0;
  for (std::size_t steps = 1; steps <= next.size(); ++steps) {
    at = next[at];
    if (at == 0) return steps;
  }
  return 0;
}
}  // namespace

TEST_CASE("page cycle: one cycle through every page", "[page_reach]") {
  for (std::size_t pages : {1u, 2u, 3u, 64u, 1000u, 65536u}) {
    const auto next = page_cycle(pages, 42);
    CHECK(next.size() == pages);
    CHECK(cycle_length(next) == pages);  // a shorter cycle would leave pages out of the chase
  }
  CHECK(page_cycle(2, 7) == std::vector<std::uint32_t>{1, 0});
}

TEST_CASE("page cycle: a seed gives one order, another seed another", "[page_reach]") {
  CHECK(page_cycle(1000, 1) == page_cycle(1000, 1));
  CHECK(page_cycle(1000, 1) != page_cycle(1000, 2));
}

TEST_CASE("line offsets: one line inside each page, turning over the page's 64 lines", "[page_reach]") {
  CHECK(line_offset(0) == 0);
  CHECK(line_offset(1) == 4096 + 64);
  CHECK(line_offset(63) == 63 * 4096 + 63 * 64);
  CHECK(line_offset(64) == 64 * 4096 + 64);  // the second run of 64 pages starts one line on
  CHECK(line_offset(65) == 65 * 4096);
  std::set<std::size_t> within_page;
  for (std::size_t page = 0; page < 64; ++page) {
    const std::size_t at = line_offset(page);
    CHECK(at / 4096 == page);
    CHECK(at % 64 == 0);
    within_page.insert(at % 4096);
  }
  CHECK(within_page.size() == 64);  // 64 pages, 64 different sets of the L1
  std::set<std::size_t> l2_sets;     // a 2,048-set cache of 64-byte lines: the address's bits 6 to 16
  for (std::size_t page = 2048; page < 4096; ++page) l2_sets.insert(line_offset(page) / 64 % 2048);
  CHECK(l2_sets.size() == 2048);
}

TEST_CASE("page reach: the block is the span in whole pages", "[page_reach]") {
  const auto r = measure_page_reach(5000, false, 1000);
  CHECK(r.pages == 2);
  CHECK(r.span_bytes == 8192);
  const auto huge = measure_page_reach(std::size_t{4} << 20, true, 10);
  CHECK(huge.pages == 1024);
  CHECK(huge.span_bytes == (std::size_t{4} << 20));
}

TEST_CASE("page reach: a block that refuses huge pages is never backed by them", "[page_reach]") {
  // 4 MiB holds two whole huge pages, which a kernel whose transparent huge pages are "always"
  // would use unless the block's advice refuses them.
  const auto r = measure_page_reach(std::size_t{4} << 20, false, 10);
  CHECK(r.span_bytes == (std::size_t{4} << 20));
  CHECK(r.huge_backed == 0);
}
