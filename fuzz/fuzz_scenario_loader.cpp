// libFuzzer harness for the scenario loader: any byte string is either a scenario or an
// io::LoadError. Every other exception escapes to libFuzzer (an uncaught exception aborts, which it
// reports as a crash), as do sanitizer reports, failed assertions, timeouts and running out of memory.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "io/scenario_loader.hpp"
#include "io/scenario_run.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    // Built as every front end builds it (io::ScenarioRun), so a config the loader lets through but
    // a model refuses with anything other than a LoadError is a finding too.
    repsim::io::ScenarioRun(repsim::io::load_scenario_text(text, "fuzz.json")).build();
  } catch (const repsim::io::LoadError&) {
    // The expected answer to bad input.
  }
  return 0;
}
