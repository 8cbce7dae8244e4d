#pragma once
// The check for options that must be positive (--scale, --jobs, --pending, --events). CLI11 2.1's
// CLI::PositiveNumber is a range up to the largest double and names it in full: "--scale: Value 0
// not in range 0.000000 to 1797693...(300 more digits).000000". This one names the option and the
// value refused: "--scale 0: must be > 0".
#include <CLI/CLI.hpp>
#include <cmath>
#include <string>

namespace repsim::cli {

inline CLI::Validator positive_number(const std::string& option) {
  return CLI::Validator(
      [option](std::string& text) -> std::string {
        double value = 0;
        if (!CLI::detail::lexical_cast(text, value) || !std::isfinite(value))
          return option + " '" + text + "': must be a number > 0";
        if (!(value > 0)) return option + " " + text + ": must be > 0";
        return {};
      },
      "POSITIVE");
}

// CLI11 puts the option's name before a check's message ("--scale: --scale 0: must be > 0"); a
// message that already starts with the name loses that prefix. Other messages are unchanged.
inline std::string without_repeated_name(const std::string& what) {
  const std::size_t colon = what.find(": ");
  if (colon == std::string::npos || colon == 0) return what;
  const std::string name = what.substr(0, colon);
  const std::string rest = what.substr(colon + 2);
  return rest.rfind(name + " ", 0) == 0 ? rest : what;
}

}  // namespace repsim::cli
