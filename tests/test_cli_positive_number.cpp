#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "cli/positive_number.hpp"

namespace {

// What the check says about `text` ("" when it passes).
std::string check(std::string text) { return repsim::cli::kPositiveNumber(text); }

}  // namespace

TEST_CASE("positive number check passes positive values and names what it refuses", "[cli]") {
  CHECK(check("0.125") == "");
  CHECK(check("2") == "");
  CHECK(check("1e-3") == "");
  CHECK(check("0") == "must be a positive number, got 0");
  CHECK(check("-1") == "must be a positive number, got -1");
  CHECK(check("abc") == "must be a positive number, got 'abc'");
  CHECK(check("nan") == "must be a positive number, got 'nan'");
  CHECK(check("inf") == "must be a positive number, got 'inf'");
}

TEST_CASE("an option checked as positive fails to parse with a one-line error naming it", "[cli]") {
  CLI::App app;
  double scale = 1;
  app.add_option("--scale", scale)->check(repsim::cli::kPositiveNumber);
  std::vector<std::string> args{"0", "--scale"};  // CLI11 reads the vector from the back
  try {
    app.parse(args);
    FAIL("--scale 0 was accepted");
  } catch (const CLI::ValidationError& e) {
    CHECK(std::string(e.what()) == "--scale: must be a positive number, got 0");
    CHECK(e.get_exit_code() != 0);
  }
  args = {"0.125", "--scale"};
  app.parse(args);
  CHECK(scale == 0.125);
}
