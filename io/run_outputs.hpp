#pragma once
// The outputs of one run, written together: summary.json, timeseries.csv, events.csv and
// report.html (the story goes to stdout and is the caller's to print: see io/story.hpp).
#include <cstdint>
#include <string>
#include <vector>

#include "models/ecosystem.hpp"

namespace repsim::io {

// What the outputs say about the run beyond the ecosystem itself.
struct RunInfo {
  std::string scenario_name;
  std::string description;
  std::uint64_t seed = 0;
  std::vector<std::string> notes;  // the scenario's notes for readers (report.html shows them)
};

// Writes the four files into out_dir (created when missing) as one transaction (io/atomic_file.hpp):
// either all of them are replaced or none is. summary.json is renamed last, so a summary newer than
// the other files marks a complete set. The ecosystem should be finish()ed (queued_at_end and open
// outages are read from its ledger). Throws std::runtime_error naming the path on failure.
void write_run_outputs(const models::Ecosystem& eco, const RunInfo& info, const std::string& out_dir);

}  // namespace repsim::io
