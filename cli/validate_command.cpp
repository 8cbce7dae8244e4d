// `repsim validate FILE...`: load and build each scenario and say whether it is sound, without running it.
#include <cstdio>

#include "cli/commands.hpp"
#include "cli/scenario_input.hpp"
#include "experiments/scenario_variants.hpp"
#include "io/json_reader.hpp"

namespace repsim::cli {
namespace {

struct ValidateOptions {
  std::vector<std::string> files;
  bool quiet = false;
};

}  // namespace

Command add_validate_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "validate", "Check scenario files: every problem of each file, one per line (up to 20), exit 2 if any");
  auto o = std::make_shared<ValidateOptions>();
  cmd->add_option("files", o->files, "Scenario files (JSON)")->required();
  cmd->add_flag("--quiet", o->quiet, "Print only the problems, not the sound files");
  return {cmd, [o] {
            int status = 0;
            for (const std::string& f : o->files) {
              const auto built = load_and_build(f, {}, sim::kNever, Problems::All);
              if (!built) {
                status = kExitBadInput;
                continue;
              }
              if (o->quiet) continue;
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
