#include "bench/scale_bench.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>

#include "io/scenario_run.hpp"

namespace repsim::bench {

double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

ScaleResult run_scale(const std::string& scenario, double scale, sim::Time until) {
  using Clock = std::chrono::steady_clock;
  const auto seconds_since = [](Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
  };
  ScaleResult r;
  r.scale = scale;
  const auto t0 = Clock::now();
  io::LoadOptions options;
  options.scale = scale;
  io::ScenarioRun run(io::load_scenario_file(scenario, options), until);
  run.build();
  r.load_seconds = seconds_since(t0);

  // Hourly slices only to sample the queue and the event list; slicing changes nothing in the run.
  const auto t1 = Clock::now();
  run.run_in_slices(run.end(), sim::kHour, [&r](const io::ScenarioRun& at) {
    const models::Ecosystem& eco = at.world();
    std::uint64_t queued = 0;
    for (models::ProviderIndex p{0}; p < eco.provider_count(); ++p) queued += eco.provider(p).queued();
    r.peak_queued = std::max(r.peak_queued, queued);
    r.peak_pending = std::max<std::uint64_t>(r.peak_pending, at.pending_events());
    return true;
  });
  run.finish();
  r.run_seconds = seconds_since(t1);
  r.seconds = seconds_since(t0);

  const models::Ecosystem& eco = run.world();
  r.messages = eco.ledger().totals().sent;
  r.events = run.events_handled();
  for (models::ProviderIndex p{0}; p < eco.provider_count(); ++p) {
    r.attempts += eco.provider(p).attempts();
    r.retries += eco.provider(p).retries();
  }
  r.peak_rss_mib = peak_rss_mib();
  return r;
}

}  // namespace repsim::bench
