// repsim-viz's command line, checked before any window opens.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "viz/core/cli_args.hpp"

using namespace repsim::viz;

namespace {

ParsedArgs parse(std::vector<std::string> args) {
  args.insert(args.begin(), "repsim-viz");
  std::vector<const char*> argv;
  argv.reserve(args.size());
  for (const std::string& a : args) argv.push_back(a.c_str());
  return parse_viz_args(static_cast<int>(argv.size()), argv.data());
}

}  // namespace

TEST_CASE("viz arguments are read into options", "[viz]") {
  const auto p = parse({"s.json", "--seed", "7", "--story", "--size", "800x600", "--screenshot", "x.png",
                        "--at", "36h", "--record", "r.json", "--select", "contractor", "--speed", "60"});
  REQUIRE_FALSE(p.exit_code);
  const VizOptions& o = p.options;
  CHECK(o.scenario == "s.json");
  CHECK(o.seed == 7u);
  CHECK(o.story);
  CHECK(o.width == 800);
  CHECK(o.height == 600);
  CHECK(o.screenshot == "x.png");
  CHECK(o.at == "36h");
  CHECK(o.record == "r.json");
  CHECK(o.select == "contractor");
  CHECK(o.speed == 60);
}

TEST_CASE("viz defaults", "[viz]") {
  const auto p = parse({"s.json"});
  REQUIRE_FALSE(p.exit_code);
  CHECK_FALSE(p.options.seed);
  CHECK_FALSE(p.options.story);
  CHECK(p.options.width == 1600);
  CHECK(p.options.height == 1000);
  CHECK(p.options.screenshot.empty());
}

TEST_CASE("bad viz arguments exit with status 2 and say why", "[viz]") {
  CHECK(parse({}).exit_code == 2);  // no scenario
  const auto no_at = parse({"s.json", "--screenshot", "x.png"});
  CHECK(no_at.exit_code == 2);
  CHECK(no_at.message.find("--at") != std::string::npos);
  const auto size = parse({"s.json", "--size", "10x10"});
  CHECK(size.exit_code == 2);
  CHECK(size.message.find("10x10") != std::string::npos);
  CHECK(parse({"s.json", "--speed", "0"}).exit_code == 2);
  CHECK(parse({"s.json", "--bogus"}).exit_code == 2);
  const auto help = parse({"--help"});
  CHECK(help.exit_code == 0);
  CHECK(help.message.find("--screenshot") != std::string::npos);
}

TEST_CASE("window sizes are WxH within limits", "[viz]") {
  CHECK(parse_size("1600x1000") == std::pair{1600, 1000});
  CHECK(parse_size("64x8192") == std::pair{64, 8192});
  CHECK_FALSE(parse_size("63x100"));
  CHECK_FALSE(parse_size("1600"));
  CHECK_FALSE(parse_size("1600x"));
  CHECK_FALSE(parse_size("ax100"));
  CHECK_FALSE(parse_size("100x100x"));
}
