// Text -> nlohmann::json through our own SAX builder: it limits nesting while parsing (so no input
// can exhaust the stack), refuses duplicate keys and non-finite numbers, and knows the JSON pointer
// of the value being read when something goes wrong.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "io/json_reader.hpp"

namespace repsim::io {
namespace {

using json = nlohmann::json;

// Bytes outside printable ASCII become \xNN: parser messages quote raw input, which may be
// binary garbage or invalid UTF-8.
std::string printable(std::string_view s) {
  std::string out;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", u);
      out += buf;
    } else {
      out += c;
    }
  }
  return out;
}

// nlohmann's messages start with "[json.exception.parse_error.101] ": the tag means nothing to a
// scenario author.
std::string strip_tag(const std::string& what) {
  const std::size_t close = what.find("] ");
  return what.rfind("[json.exception.", 0) == 0 && close != std::string::npos ? what.substr(close + 2) : what;
}

class DomBuilder final : public nlohmann::json_sax<json> {
 public:
  explicit DomBuilder(std::string_view text) : text_(text) {}

  bool null() override { return add(json(nullptr)); }
  bool boolean(bool v) override { return add(json(v)); }
  bool number_integer(number_integer_t v) override { return add(json(v)); }
  bool number_unsigned(number_unsigned_t v) override { return add(json(v)); }
  bool number_float(number_float_t v, const string_t& text) override {
    if (!std::isfinite(v))
      return fail("number '" + printable(text) + "' is out of range (not a finite double)");
    return add(json(v));
  }
  bool string(string_t& v) override { return add(json(std::move(v))); }
  bool binary(binary_t&) override { return fail("binary values are not JSON"); }

  bool start_object(std::size_t) override { return open(json::object()); }
  bool key(string_t& k) override {
    Level& level = levels_.back();
    if (level.container->contains(k)) {
      level.key = k;
      return fail("duplicate key '" + k + "'");
    }
    level.key = std::move(k);
    level.has_key = true;
    return true;
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(json::array()); }
  bool end_array() override { return close(); }

  bool parse_error(std::size_t position, const std::string& last_token,
                   const nlohmann::detail::exception& ex) override {
    if (ex.id == 406) {
      // Number overflow: nlohmann's message has no position. `position` is just past the token.
      const std::size_t start = position >= last_token.size() ? position - last_token.size() : 0;
      std::size_t line = 1, column = 1;
      for (std::size_t i = 0; i < start && i < text_.size(); ++i) {
        if (text_[i] == '\n') {
          ++line;
          column = 1;
        } else {
          ++column;
        }
      }
      return fail("number '" + printable(last_token) + "' at line " + std::to_string(line) + ", column " +
                  std::to_string(column) + " is out of range (not a finite double)");
    }
    return fail("invalid JSON: " + printable(strip_tag(ex.what())));
  }

  json take() { return std::move(root_); }
  const std::string& error() const { return error_; }
  const std::string& error_pointer() const { return error_pointer_; }

 private:
  struct Level {
    json* container;
    bool has_key = false;
    std::string key;  // objects: the key being read
  };

  // The pointer of the value being read now. An outer array's element in progress is its last
  // one; in the innermost array it is the next one, not yet placed.
  std::string pointer() const {
    std::string p;
    for (std::size_t i = 0; i < levels_.size(); ++i) {
      const Level& level = levels_[i];
      if (level.container->is_array()) {
        const std::size_t n = level.container->size();
        p = pointer_child(p, i + 1 < levels_.size() && n > 0 ? n - 1 : n);
      } else if (level.has_key) {
        p = pointer_child(p, level.key);
      }
    }
    return p;
  }

  bool fail(std::string message) {
    error_ = std::move(message);
    error_pointer_ = pointer();
    return false;
  }

  // Stores v where the parser is and returns it (valid until the next add to the same container).
  json* place(json&& v) {
    if (levels_.empty()) {
      root_ = std::move(v);
      return &root_;
    }
    Level& level = levels_.back();
    if (level.container->is_array()) {
      level.container->push_back(std::move(v));
      return &level.container->back();
    }
    json& slot = (*level.container)[level.key];
    slot = std::move(v);
    return &slot;
  }

  bool add(json&& v) {
    place(std::move(v));
    return true;
  }

  bool open(json&& container) {
    if (levels_.size() >= kMaxJsonDepth)
      return fail("nesting deeper than " + std::to_string(kMaxJsonDepth) + " levels");
    json* c = place(std::move(container));
    levels_.push_back(Level{c, false, {}});
    return true;
  }

  bool close() {
    levels_.pop_back();
    return true;
  }

  std::string_view text_;
  json root_;
  std::vector<Level> levels_;
  std::string error_;
  std::string error_pointer_;
};

bool only_whitespace(std::string_view text) {
  for (char c : text)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
  return true;
}

}  // namespace

nlohmann::json parse_json_text(std::string_view text, const std::string& name_for_errors) {
  if (text.size() > kMaxJsonBytes)
    throw LoadError(name_for_errors, "",
                    "input is larger than " + std::to_string(kMaxJsonBytes >> 20) + " MiB");
  if (only_whitespace(text)) throw LoadError(name_for_errors, "", "empty file (expected a JSON document)");
  // nlohmann's lexer reads a NUL byte as the end of input: "{}\0junk" would pass, and a binary
  // file would be reported as "unexpected end of input".
  if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
    const std::string_view before = text.substr(0, nul);
    const std::size_t line = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
    const std::size_t last_newline = before.rfind('\n');
    const std::size_t column = last_newline == std::string_view::npos ? nul + 1 : nul - last_newline;
    throw LoadError(name_for_errors, "",
                    "NUL byte at line " + std::to_string(line) + ", column " + std::to_string(column) +
                        ": binary data, not JSON text");
  }
  DomBuilder builder(text);
  bool ok = false;
  try {
    ok = json::sax_parse(text.begin(), text.end(), &builder, json::input_format_t::json, true, false);
  } catch (const std::exception& e) {
    // sax_parse reports through parse_error; this is a guard against anything else it may throw.
    throw LoadError(name_for_errors, "", std::string("invalid JSON: ") + printable(strip_tag(e.what())));
  }
  if (!ok) throw LoadError(name_for_errors, builder.error_pointer(), builder.error());
  return builder.take();
}

std::string read_input_file(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) throw LoadError(path, "", "cannot read file: no such file");
  if (fs::is_directory(st)) throw LoadError(path, "", "cannot read file: it is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw LoadError(path, "", "cannot read file: permission denied or unreadable");
  std::string text;
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    text.append(buf, static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxJsonBytes)
      throw LoadError(path, "", "file is larger than " + std::to_string(kMaxJsonBytes >> 20) + " MiB");
  }
  if (in.bad()) throw LoadError(path, "", "cannot read file: read error");
  return text;
}

nlohmann::json read_json_file(const std::string& path) {
  return parse_json_text(read_input_file(path), path);
}

}  // namespace repsim::io
