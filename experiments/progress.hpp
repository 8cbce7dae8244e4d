#pragma once
// Progress of a sweep on stderr: a bar redrawn in place on a terminal (runs done, rate, ETA), one
// plain line per 5% of the runs otherwise (a log file or CI gets twenty lines, not thousands).
// Wall-clock time is read here for the display only; it never reaches the results.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>

namespace repsim::experiments {

// "45s", "12m05s", "3h07m"; "?" for a negative or non-finite time.
std::string format_eta(double seconds);
// The bar's text: "[#####...............] 250/1000 runs  12.5 runs/s  ETA 1m00s" (width 20). The
// rate and ETA are left out until a run has finished.
std::string progress_bar(std::uint64_t done, std::uint64_t total, double elapsed_seconds);
// The plain line: "sweep: 250/1000 runs (25%), 12.5 runs/s, ETA 1m00s".
std::string progress_line(std::uint64_t done, std::uint64_t total, double elapsed_seconds);

class Progress {
 public:
  // `total` runs to do in this session; `out` null shows nothing.
  Progress(std::FILE* out, std::uint64_t total, bool tty);
  // Thread-safe.
  void run_done();
  // Ends the bar's line on a terminal.
  void finish();

 private:
  std::FILE* out_;
  std::uint64_t total_;
  bool tty_;
  std::uint64_t done_ = 0;
  std::uint64_t next_line_at_ = 0;  // in 5% steps, for the plain lines
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_{};
  std::mutex mutex_;
};

}  // namespace repsim::experiments
