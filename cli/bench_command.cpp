// `repsim bench`: the core hold model (event-list speed, compared with the performance peers), the
// end-to-end scale scenario (a provider-sized week), and the machine's translation reach (what
// bounds how flat the week's cost per message can stay as the world grows).
#include <cinttypes>
#include <cstdio>
#include <exception>
#include <memory>
#include <new>
#include <string>

#include "bench/hold_model.hpp"
#include "bench/page_reach.hpp"
#include "bench/scale_bench.hpp"
#include "cli/commands.hpp"
#include "cli/positive_number.hpp"
#include "cli/scenario_input.hpp"
#include "io/load_error.hpp"
#include "sim/time.hpp"

namespace repsim::cli {
namespace {

struct ScaleOptions {
  double scale = 1.0;
  std::string scenario;
  std::string until;
};

int run_scale_bench(const ScaleOptions& o) {
  const std::string scenario = o.scenario.empty() ? shipped_scenario("scale_week") : o.scenario;
  sim::Time until = sim::kNever;
  try {
    if (!o.until.empty()) until = sim::parse_duration(o.until);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "repsim bench scale: --until: %s\n", e.what());
    return kExitBadInput;
  }
  bench::ScaleResult r;
  try {
    r = bench::run_scale(scenario, o.scale, until);
  } catch (const io::LoadError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "repsim bench scale: %s: %s\n", scenario.c_str(), e.what());
    return kExitFailure;
  }
  // The one line scripts read (bench/scale_curve.sh); the details go to stderr.
  std::printf("repsim-scale scale=%g messages=%" PRIu64 " events=%" PRIu64
              " seconds=%.3f messages_per_s=%.0f peak_rss_mib=%.1f\n",
              r.scale, r.messages, r.events, r.seconds, static_cast<double>(r.messages) / r.seconds,
              r.peak_rss_mib);
  std::fprintf(stderr,
               "repsim-scale detail: load_seconds=%.6f run_seconds=%.6f events_per_s=%.0f attempts=%" PRIu64
               " retries=%" PRIu64 " peak_queued=%" PRIu64 " peak_pending_events=%" PRIu64 "\n",
               r.load_seconds, r.run_seconds, static_cast<double>(r.events) / r.run_seconds, r.attempts,
               r.retries, r.peak_queued, r.peak_pending);
  return 0;
}

// Blocks of 1 MiB, 2, 4, ... up to max_mib, each chased with huge pages asked for and refused.
int run_page_reach(std::uint64_t max_mib) {
  constexpr std::uint64_t kReads = std::uint64_t{1} << 22;
  for (std::uint64_t mib = 1; mib <= max_mib; mib *= 2) {
    for (const bool huge : {true, false}) {
      bench::PageReachResult r;
      try {
        r = bench::measure_page_reach(static_cast<std::size_t>(mib) << 20, huge, kReads);
      } catch (const std::bad_alloc&) {
        std::fprintf(stderr, "repsim bench pages: no memory for a block of %" PRIu64 " MiB\n", mib);
        return 1;
      }
      std::printf("repsim-pages span_mib=%" PRIu64
                  " pages=%zu advised=%s huge_backed_mib=%.1f ns_per_read=%.2f"
                  " packed_ns_per_read=%.2f\n",
                  mib, r.pages, huge ? "huge" : "small", static_cast<double>(r.huge_backed) / (1 << 20),
                  r.ns_per_read, r.packed_ns_per_read);
      std::fflush(stdout);
    }
  }
  return 0;
}

}  // namespace

Command add_bench_command(CLI::App& app) {
  auto* bench = app.add_subcommand("bench", "Benchmarks");
  bench->require_subcommand(1);
  auto* hold = bench->add_subcommand("hold", "Core event-list speed: the hold model");
  auto pending = std::make_shared<std::uint64_t>(100000);
  auto events = std::make_shared<std::uint64_t>(10000000);
  hold->add_option("--pending", *pending, "Events pending at once")->check(positive_number("--pending"));
  hold->add_option("--events", *events, "Events to handle")->check(positive_number("--events"));

  auto* scale = bench->add_subcommand(
      "scale", "End to end: a provider-sized week (scenarios/scale_week.json) run without writing outputs");
  auto so = std::make_shared<ScaleOptions>();
  scale->add_option("--scale", so->scale, "Multiply tenants, IPs, gateways and volume (default 1)")
      ->check(positive_number("--scale"));
  scale->add_option("--scenario", so->scenario,
                    "Another scenario file (default the shipped scale_week.json)");
  scale->add_option("--until", so->until, "Stop early, e.g. 2d (default: the scenario's duration)");

  auto* pages = bench->add_subcommand(
      "pages", "Translation reach: a chase through one line per 4 KiB page of ever larger blocks");
  auto max_mib = std::make_shared<std::uint64_t>(256);
  pages->add_option("--max-mib", *max_mib, "Largest block in MiB, 1 to 16384 (default 256)")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{16384}));

  return {bench, [=] {
            if (scale->parsed()) return run_scale_bench(*so);
            if (pages->parsed()) return run_page_reach(*max_mib);
            const auto r = bench::run_hold(*pending, *events);
            // The performance peers' line format, so the figures can be tabulated side by side.
            std::printf("repsim pending=%" PRIu64 " events=%" PRIu64 " seconds=%.3f events_per_s=%.0f\n",
                        r.pending, r.events, r.seconds, static_cast<double>(r.events) / r.seconds);
            return 0;
          }};
}

}  // namespace repsim::cli
