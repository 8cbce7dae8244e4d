#pragma once
// --record: the scenario file as it was read, with the session's seed and its what-ifs appended to
// the timeline (times as offsets from the start, "+36h12m5s1us", exact to the microsecond), so
// `repsim run` on the result replays the session.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "models/action.hpp"
#include "models/ecosystem.hpp"

namespace repsim::viz {

// One timeline entry in the scenario format. Entities are named by id ("<population>#<k>" for a
// member, "<pool>" or "<pool>#<k>" for IPs). Throws std::invalid_argument for an action the
// visualizer never makes (compromise, outage, ...).
nlohmann::ordered_json timeline_entry(const models::TimedAction& a, const models::Ecosystem& eco);

// The recorded document as text (2-space indent, the file's key order kept). Throws
// std::invalid_argument when the source is not a JSON object, io::LoadError when the result does
// not load (it is checked with the loader before anything is written).
std::string recorded_scenario(const std::string& source_text, const std::string& name, std::uint64_t seed,
                              const std::vector<models::TimedAction>& whatifs, const models::Ecosystem& eco);

// recorded_scenario written atomically to path (io::write_file_atomic).
void write_recording(const std::string& path, const std::string& source_text, std::uint64_t seed,
                     const std::vector<models::TimedAction>& whatifs, const models::Ecosystem& eco);

}  // namespace repsim::viz
