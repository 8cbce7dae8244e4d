// `repsim compare A B`: two designs side by side on common random numbers (README.md, "Comparing
// two designs"): which is better for which tenant, population and gateway, with paired intervals.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "cli/commands.hpp"
#include "cli/positive_number.hpp"
#include "experiments/compare.hpp"
#include "experiments/compare_report.hpp"
#include "experiments/grid.hpp"
#include "io/atomic_file.hpp"
#include "io/load_error.hpp"

namespace repsim::cli {
namespace {

struct CompareCliOptions {
  std::vector<std::string> sides;
  std::string variant;
  std::uint64_t replications = 10;
  std::uint64_t seed = experiments::kDefaultSeed;
  std::string out;
  std::string until;
  unsigned jobs = 0;
};

std::string stem(const experiments::SideName& s) {
  std::string name = std::filesystem::path(s.file).stem().string();
  return s.variant.empty() ? name : name + "-" + s.variant;
}

int bad(const std::string& message) {
  std::fprintf(stderr, "repsim compare: %s\n", message.c_str());
  return kExitBadInput;
}

int run(const CompareCliOptions& o) {
  experiments::SideName a = experiments::parse_side_name(o.sides[0]);
  experiments::SideName b;
  if (o.sides.size() == 2) {
    if (!o.variant.empty()) return bad("--variant: give it with one scenario file, not two");
    b = experiments::parse_side_name(o.sides[1]);
  } else if (!o.variant.empty()) {
    b = experiments::SideName{a.file, o.variant};
  } else {
    return bad("give two designs (A.json B.json, or A.json#VARIANT) or one file and --variant NAME");
  }
  if (o.replications < experiments::kMinCompareReplications ||
      o.replications > experiments::kMaxCompareReplications)
    return bad("--replications: must be " + std::to_string(experiments::kMinCompareReplications) + " .. " +
               std::to_string(experiments::kMaxCompareReplications) + ", got " +
               std::to_string(o.replications));
  experiments::CompareOptions options;
  options.replications = static_cast<std::uint32_t>(o.replications);
  options.seed = o.seed;
  options.threads = o.jobs;
  if (!o.until.empty()) {
    try {
      options.until = sim::parse_duration(o.until);
    } catch (const std::exception& e) {
      return bad(std::string("--until: ") + e.what());
    }
  }
  experiments::CompareSide side_a, side_b;
  try {
    const std::uint64_t first_seed = experiments::replication_seed(options.seed, 0);
    side_a = experiments::load_compare_side(a, first_seed);
    side_b = experiments::load_compare_side(b, first_seed);
  } catch (const io::LoadError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return kExitBadInput;
  }
  const std::string out = o.out.empty() ? "out/compare/" + stem(a) + "-vs-" + stem(b) : o.out;
  const experiments::CompareResult result = experiments::run_compare(side_a, side_b, options);
  // compare.md last: its presence marks a complete set.
  io::write_files_atomic(out,
                         {{"differences.csv", experiments::differences_csv(result)},
                          {"replications.csv", experiments::replications_csv(result)},
                          {"compare.md", experiments::compare_markdown(result, side_a, side_b, options)}});
  std::printf("A = %s, B = %s, %u replications\n", side_a.label.c_str(), side_b.label.c_str(),
              options.replications);
  for (const std::string& line : experiments::headline(result)) std::printf("  %s\n", line.c_str());
  std::printf("report: %s/compare.md\ntables: %s/{differences.csv,replications.csv}\n", out.c_str(),
              out.c_str());
  return 0;
}

}  // namespace

Command add_compare_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "compare",
      "Run two designs on common random numbers and say which is better for whom: A.json B.json, "
      "A.json#VARIANT B.json, or A.json --variant NAME (B = the variant of A)");
  auto o = std::make_shared<CompareCliOptions>();
  cmd->add_option("designs", o->sides, "One or two scenario files, each FILE or FILE#VARIANT")
      ->required()
      ->expected(1, 2);
  cmd->add_option("--variant", o->variant, "With one file: B is this variant of it (its `variants`)");
  cmd->add_option("--replications", o->replications, "Runs of each design (2 .. 10000, default 10)");
  cmd->add_option("--seed", o->seed, "Seeds replication k as a sweep with this seed does (default 1)");
  cmd->add_option("--out", o->out, "Output directory (default out/compare/<A>-vs-<B>)");
  cmd->add_option("--until", o->until, "Stop every run early, e.g. 36h (default: each scenario's duration)");
  cmd->add_option("-j,--jobs", o->jobs, "Runs in parallel (default: every core)")->check(positive_number("--jobs"));
  return {cmd, [o] { return run(*o); }};
}

}  // namespace repsim::cli
