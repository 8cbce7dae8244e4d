#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "cli/positive_number.hpp"

namespace {

// What the check says about `text` ("" when it passes).
std::string check(std::string text) { return repsim::cli::positive_number("--scale")(text); }

}  // namespace

TEST_CASE("positive number check passes positive values and names what it refuses", "[cli]") {
  CHECK(check("0.125") == "");
  CHECK(check("2") == "");
  CHECK(check("1e-3") == "");
  CHECK(check("0") == "--scale 0: must be > 0");
  CHECK(check("-1") == "--scale -1: must be > 0");
  CHECK(check("abc") == "--scale 'abc': must be a number > 0");
  CHECK(check("nan") == "--scale 'nan': must be a number > 0");
  CHECK(check("inf") == "--scale 'inf': must be a number > 0");
}

TEST_CASE("an option checked as positive fails to parse with a one-line error naming it", "[cli]") {
  CLI::App app;
  double scale = 1;
  app.add_option("--scale", scale)->check(repsim::cli::positive_number("--scale"));
  std::vector<std::string> args{"0", "--scale"};  // CLI11 reads the vector from the back
  try {
    app.parse(args);
    FAIL("--scale 0 was accepted");
  } catch (const CLI::ValidationError& e) {
    CHECK(std::string(e.what()) == "--scale: --scale 0: must be > 0");
    CHECK(repsim::cli::without_repeated_name(e.what()) == "--scale 0: must be > 0");
    CHECK(e.get_exit_code() != 0);
  }
  args = {"0.125", "--scale"};
  app.parse(args);
  CHECK(scale == 0.125);
}

TEST_CASE("only a message that repeats its option's name loses CLI11's prefix", "[cli]") {
  using repsim::cli::without_repeated_name;
  CHECK(without_repeated_name("--jobs: --jobs 0: must be > 0") == "--jobs 0: must be > 0");
  CHECK(without_repeated_name("--max-mib: Value 0 not in range 1 to 16384") ==
        "--max-mib: Value 0 not in range 1 to 16384");
  CHECK(without_repeated_name("scenario is required") == "scenario is required");
  // The name must be followed by a space: "--scale2 ..." is another option.
  CHECK(without_repeated_name("--scale: --scale2 x") == "--scale: --scale2 x");
}
