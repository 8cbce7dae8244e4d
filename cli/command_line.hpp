#pragma once
// The command line before CLI11 parses it: `repsim help CMD` becomes `repsim CMD --help`, and a
// mistyped command or option is answered with its nearest known name ("did you mean 'run'?")
// rather than CLI11's "The following arguments were not expected".
#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

namespace repsim::cli {

// `help [CMD...]` -> `[CMD...] --help`; other arguments unchanged. (Without argv[0].)
std::vector<std::string> expand_help(std::vector<std::string> args);

// The first command or long/short option that `app` does not know, as the line to print:
// "repsim: unknown command 'rnu'; did you mean 'run'?",
// "repsim run: unknown option '--untl'; did you mean '--until'?". nullopt when every name is known
// (the values themselves are CLI11's to check). Arguments after "--" are not looked at.
std::optional<std::string> unknown_name(const CLI::App& app, const std::vector<std::string>& args);

}  // namespace repsim::cli
