#pragma once
// The check for options that must be positive (--scale, --jobs, --pending, --events). CLI11 2.1's
// CLI::PositiveNumber is a range up to the largest double and names it in full: "--scale: Value 0
// not in range 0.000000 to 1797693...(300 more digits).000000". This one says what is wrong.
#include <CLI/CLI.hpp>
#include <cmath>
#include <string>

namespace repsim::cli {

inline const CLI::Validator kPositiveNumber(
    [](std::string& text) -> std::string {
      double value = 0;
      if (!CLI::detail::lexical_cast(text, value) || !std::isfinite(value))
        return "must be a positive number, got '" + text + "'";
      if (!(value > 0)) return "must be a positive number, got " + text;
      return {};
    },
    "POSITIVE");

}  // namespace repsim::cli
