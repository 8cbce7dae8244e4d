#include "io/json_pointer.hpp"

#include <algorithm>
#include <cstdlib>

namespace repsim::io {

std::vector<std::string> pointer_tokens(const std::string& pointer, const JsonNode& where) {
  if (pointer.empty() || pointer[0] != '/')
    where.fail("'" + pointer + "' is not a JSON pointer: it must start with '/'");
  std::vector<std::string> tokens;
  std::string cur;
  for (std::size_t i = 1; i <= pointer.size(); ++i) {
    if (i == pointer.size() || pointer[i] == '/') {
      tokens.push_back(cur);
      cur.clear();
    } else if (pointer[i] != '~') {
      cur += pointer[i];
    } else if (i + 1 < pointer.size() && (pointer[i + 1] == '0' || pointer[i + 1] == '1')) {
      cur += pointer[i + 1] == '0' ? '~' : '/';
      ++i;
    } else {
      where.fail("'" + pointer + "' is not a JSON pointer: '~' must be followed by 0 or 1");
    }
  }
  return tokens;
}

std::string pointer_prefix(const std::vector<std::string>& tokens, std::size_t n) {
  std::string p;
  for (std::size_t i = 0; i < n && i < tokens.size(); ++i) p = pointer_child(p, tokens[i]);
  return p.empty() ? "/" : p;
}

std::optional<std::size_t> array_index(const std::string& token) {
  // Nine digits are plenty for any array a scenario or a summary holds, and cannot overflow.
  if (token.empty() || token.size() > 9 || (token.size() > 1 && token[0] == '0')) return std::nullopt;
  if (!std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  return static_cast<std::size_t>(std::strtoul(token.c_str(), nullptr, 10));
}

}  // namespace repsim::io
