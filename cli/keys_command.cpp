// `repsim keys`: the scenario format's key tables as JSON, for the scripts that write and check its
// documents (scripts/scenario_keys.py).
#include <cstdio>

#include "cli/commands.hpp"
#include "io/scenario_keys.hpp"

namespace repsim::cli {

Command add_keys_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "keys", "Print every object of the scenario format: its keys, JSON types, defaults and docs (JSON)");
  return {cmd, [] {
            nlohmann::json tables = nlohmann::json::array();
            for (const io::KeyTable* t : io::keys::all()) tables.push_back(io::to_json(*t));
            const nlohmann::json out = {{"tables", std::move(tables)}};
            std::printf("%s\n", out.dump(2).c_str());
            return 0;
          }};
}

}  // namespace repsim::cli
