#include "cli/command_line.hpp"

#include "io/suggest.hpp"

namespace repsim::cli {
namespace {

std::string unknown(const std::string& where, const std::string& what, const std::string& name,
                    const std::vector<std::string>& known) {
  std::string line = where + ": unknown " + what + " '" + name + "'";
  if (const auto near = io::closest_name(name, known)) return line + "; did you mean '" + *near + "'?";
  // `where` is "repsim" or "repsim run": its help is `repsim help run`.
  const std::string help = where == "repsim" ? "repsim --help" : "repsim help" + where.substr(6);
  return line + " (" + help + " lists the " + what + "s)";
}

std::vector<std::string> command_names(const CLI::App& level) {
  std::vector<std::string> names;
  for (const CLI::App* sub : level.get_subcommands([](const CLI::App*) { return true; }))
    if (!sub->get_name().empty()) names.push_back(sub->get_name());
  return names;
}

std::vector<std::string> option_names(const CLI::App& level) {
  std::vector<std::string> names;
  for (const CLI::Option* o : level.get_options()) {
    for (const std::string& l : o->get_lnames()) names.push_back("--" + l);
    for (const std::string& s : o->get_snames()) names.push_back("-" + s);
  }
  return names;
}

bool has_positionals(const CLI::App& level) {
  return !level.get_options([](const CLI::Option* o) { return o->get_positional(); }).empty();
}

}  // namespace

std::vector<std::string> expand_help(std::vector<std::string> args) {
  if (args.empty() || args.front() != "help") return args;
  args.erase(args.begin());
  args.emplace_back("--help");
  return args;
}

std::optional<std::string> unknown_name(const CLI::App& app, const std::vector<std::string>& args) {
  const CLI::App* level = &app;
  std::string where = "repsim";
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") break;
    if (a.size() > 1 && a[0] == '-' && !(a[1] >= '0' && a[1] <= '9') && a[1] != '.') {
      // "--until=5h" and "-j4" carry their value; "--until 5h" and "-j 4" take the next argument.
      const bool long_name = a.rfind("--", 0) == 0;
      const std::string name = long_name ? a.substr(0, a.find('=')) : a.substr(0, 2);
      const CLI::Option* o = level->get_option_no_throw(name);
      if (o == nullptr) return unknown(where, "option", name, option_names(*level));
      const bool value_attached = long_name ? name.size() < a.size() : a.size() > 2;
      if (o->get_items_expected_max() > 0 && !value_attached) ++i;
      continue;
    }
    // A word: a command where this level has commands and no positional arguments of its own.
    if (has_positionals(*level)) continue;
    const std::vector<std::string> commands = command_names(*level);
    if (commands.empty()) continue;
    const CLI::App* sub = nullptr;
    for (const CLI::App* s : level->get_subcommands([](const CLI::App*) { return true; }))
      if (s->check_name(a)) sub = s;
    if (sub == nullptr) return unknown(where, "command", a, commands);
    level = sub;
    where += " " + sub->get_name();
  }
  return std::nullopt;
}

}  // namespace repsim::cli
