// `repsim bench`: the core hold model (event-list speed, compared with the performance peers).
#include <cinttypes>
#include <cstdio>

#include "bench/hold_model.hpp"
#include "cli/commands.hpp"

namespace repsim::cli {

Command add_bench_command(CLI::App& app) {
  auto* bench = app.add_subcommand("bench", "Benchmarks");
  bench->require_subcommand(1);
  auto* hold = bench->add_subcommand("hold", "Core event-list speed: the hold model");
  auto pending = std::make_shared<std::uint64_t>(100000);
  auto events = std::make_shared<std::uint64_t>(10000000);
  hold->add_option("--pending", *pending, "Events pending at once")->check(CLI::PositiveNumber);
  hold->add_option("--events", *events, "Events to handle")->check(CLI::PositiveNumber);
  return {bench, [=] {
            const auto r = bench::run_hold(*pending, *events);
            // The performance peers' line format, so the figures can be tabulated side by side.
            std::printf("repsim pending=%" PRIu64 " events=%" PRIu64 " seconds=%.3f events_per_s=%.0f\n",
                        r.pending, r.events, r.seconds, static_cast<double>(r.events) / r.seconds);
            return 0;
          }};
}

}  // namespace repsim::cli
