#include "experiments/progress.hpp"

#include <cmath>

namespace repsim::experiments {
namespace {

constexpr int kBarWidth = 20;

std::string rate_and_eta(std::uint64_t done, std::uint64_t total, double elapsed, const char* sep) {
  if (done == 0 || !(elapsed > 0)) return "";
  const double rate = static_cast<double>(done) / elapsed;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s%.1f runs/s%sETA ", sep, rate, sep);
  return buf + format_eta(static_cast<double>(total - done) / rate);
}

}  // namespace

std::string format_eta(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "?";
  const auto s = static_cast<long long>(std::llround(seconds));
  char buf[32];
  if (s < 60)
    std::snprintf(buf, sizeof buf, "%llds", s);
  else if (s < 3600)
    std::snprintf(buf, sizeof buf, "%lldm%02llds", s / 60, s % 60);
  else
    std::snprintf(buf, sizeof buf, "%lldh%02lldm", s / 3600, s % 3600 / 60);
  return buf;
}

std::string progress_bar(std::uint64_t done, std::uint64_t total, double elapsed_seconds) {
  const auto filled = total ? static_cast<int>(done * kBarWidth / total) : kBarWidth;
  std::string bar = "[" + std::string(static_cast<std::size_t>(filled), '#') +
                    std::string(static_cast<std::size_t>(kBarWidth - filled), '.') + "] " +
                    std::to_string(done) + "/" + std::to_string(total) + " runs";
  return bar + rate_and_eta(done, total, elapsed_seconds, "  ");
}

std::string progress_line(std::uint64_t done, std::uint64_t total, double elapsed_seconds) {
  const std::uint64_t percent = total ? done * 100 / total : 100;
  return "sweep: " + std::to_string(done) + "/" + std::to_string(total) + " runs (" +
         std::to_string(percent) + "%)" + rate_and_eta(done, total, elapsed_seconds, ", ");
}

Progress::Progress(std::FILE* out, std::uint64_t total, bool tty)
    : out_(total ? out : nullptr), total_(total), tty_(tty), start_(std::chrono::steady_clock::now()) {
  if (out_ && tty_) std::fprintf(out_, "\r%s", progress_bar(0, total_, 0).c_str());
  next_line_at_ = 1;
}

void Progress::run_done() {
  std::lock_guard<std::mutex> lock(mutex_);
  ++done_;
  if (!out_) return;
  const auto now = std::chrono::steady_clock::now();
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  if (tty_) {
    // At most ten redraws a second: a fast sweep must not spend its time drawing.
    if (done_ < total_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
    last_draw_ = now;
    std::fprintf(out_, "\r%s\x1b[K", progress_bar(done_, total_, elapsed).c_str());
  } else {
    // Step k of 20 is reached when done >= k * total / 20.
    if (done_ * 20 < next_line_at_ * total_) return;
    while (next_line_at_ <= 20 && done_ * 20 >= next_line_at_ * total_) ++next_line_at_;
    std::fprintf(out_, "%s\n", progress_line(done_, total_, elapsed).c_str());
  }
  std::fflush(out_);
}

void Progress::finish() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (out_ && tty_) {
    std::fputc('\n', out_);
    std::fflush(out_);
  }
}

}  // namespace repsim::experiments
