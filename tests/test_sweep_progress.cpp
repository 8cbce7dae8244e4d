// The progress display's text, and how often the plain lines come.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <string>

#include "experiments/progress.hpp"

using namespace repsim::experiments;

TEST_CASE("times to go read as seconds, minutes or hours", "[sweep]") {
  CHECK(format_eta(45) == "45s");
  CHECK(format_eta(725) == "12m05s");   // 12 x 60 + 5
  CHECK(format_eta(11220) == "3h07m");  // 3 x 3600 + 7 x 60
  CHECK(format_eta(59.4) == "59s");
  CHECK(format_eta(-1) == "?");
}

TEST_CASE("the bar and the plain line show runs, rate and ETA", "[sweep]") {
  // 250 of 1000 in 20 s: 12.5 runs/s; 750 to go at that rate is 60 s. 250 / 1000 of 20 cells = 5.
  CHECK(progress_bar(250, 1000, 20) == "[#####...............] 250/1000 runs  12.5 runs/s  ETA 1m00s");
  CHECK(progress_line(250, 1000, 20) == "sweep: 250/1000 runs (25%), 12.5 runs/s, ETA 1m00s");
  // Nothing finished yet: no rate to tell.
  CHECK(progress_bar(0, 10, 0) == "[....................] 0/10 runs");
  CHECK(progress_line(10, 10, 2) == "sweep: 10/10 runs (100%), 5.0 runs/s, ETA 0s");
}

namespace {

// The plain lines a Progress of `total` runs prints when all are done.
std::string plain_output(std::uint64_t total) {
  std::FILE* f = std::tmpfile();
  {
    Progress p(f, total, false);
    for (std::uint64_t i = 0; i < total; ++i) p.run_done();
    p.finish();
  }
  std::rewind(f);
  std::string out;
  for (int c; (c = std::fgetc(f)) != EOF;) out += static_cast<char>(c);
  std::fclose(f);
  return out;
}

std::size_t lines(const std::string& s) {
  return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n'));
}

}  // namespace

TEST_CASE("without a terminal, one line per 5% of the runs", "[sweep]") {
  // 40 runs: a line at 2, 4, ..., 40 done: 20 lines.
  const std::string forty = plain_output(40);
  CHECK(lines(forty) == 20);
  CHECK(forty.rfind("sweep: 2/40 runs (5%)", 0) == 0);
  // 1000 runs: still 20 lines, not 1000.
  CHECK(lines(plain_output(1000)) == 20);
  // 7 runs: every run passes a 5% step (each is 14%).
  CHECK(lines(plain_output(7)) == 7);
  // Nothing to do: silent.
  CHECK(plain_output(0).empty());
}
