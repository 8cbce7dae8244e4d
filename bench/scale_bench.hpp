#pragma once
// The end-to-end scale benchmark: a scenario (by default the shipped scale_week.json, a
// provider-sized week) loaded at a scale, built and run to its end in one thread, without writing
// any output file. What it measures is the whole pipeline a `repsim run` goes through before its
// writers (io::ScenarioRun): loading and expanding populations, building the ecosystem, and the run.
#include <cstdint>
#include <string>

#include "sim/time.hpp"

namespace repsim::bench {

struct ScaleResult {
  double scale = 1.0;
  std::uint64_t messages = 0;      // created (the ledger's sent total)
  std::uint64_t events = 0;        // handled by the simulation
  std::uint64_t attempts = 0;      // delivery attempts made by the providers
  std::uint64_t retries = 0;       // of which retries of queued mail
  std::uint64_t peak_queued = 0;   // most messages queued at once (sampled every simulated hour)
  std::uint64_t peak_pending = 0;  // most pending events (sampled every simulated hour)
  double load_seconds = 0.0;       // reading, expanding and building
  double run_seconds = 0.0;        // the simulation
  double seconds = 0.0;            // load + run: wall clock, end to end
  double peak_rss_mib = 0.0;       // getrusage ru_maxrss of this process
};

// Runs `scenario` at `scale` up to `until` (kNever: the scenario's duration) through io::ScenarioRun.
// Throws io::LoadError for a scenario that does not load or that the models refuse.
ScaleResult run_scale(const std::string& scenario, double scale, sim::Time until = sim::kNever);

// The process's peak resident set so far, in MiB (ru_maxrss is in KiB on Linux).
double peak_rss_mib();

}  // namespace repsim::bench
