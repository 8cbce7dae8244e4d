// `repsim validate FILE...`: load and build each scenario and say whether it is sound, without running it.
#include <cstdio>

#include "cli/commands.hpp"
#include "cli/scenario_input.hpp"
#include "experiments/scenario_variants.hpp"
#include "io/json_reader.hpp"

namespace repsim::cli {

Command add_validate_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("validate", "Check scenario files: one line per problem, exit 2 if any");
  auto files = std::make_shared<std::vector<std::string>>();
  cmd->add_option("files", *files, "Scenario files (JSON)")->required();
  return {cmd, [files] {
            int status = 0;
            for (const std::string& f : *files) {
              const auto built = load_and_build(f);
              if (!built) {
                status = kExitBadInput;
                continue;
              }
              const models::EcosystemConfig& c = built->config();
              try {
                // Each named variant must load too: `repsim compare FILE#NAME` would refuse it.
                experiments::check_variants(io::read_json_file(f), f, c.seed);
              } catch (const io::LoadError& e) {
                std::fprintf(stderr, "%s\n", e.what());
                status = kExitBadInput;
                continue;
              }
              std::printf("%s: ok (%zu tenants, %zu gateways, %zu providers)\n", f.c_str(), c.tenants.size(),
                          c.gateways.size(), c.providers.size());
            }
            return status;
          }};
}

}  // namespace repsim::cli
