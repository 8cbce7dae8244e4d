#pragma once
// Strict JSON for hand-written input files. Parsing rejects what nlohmann would accept or crash on
// (non-finite numbers, duplicate keys, nesting deep enough to exhaust a stack); JsonNode reads
// typed values and reports every problem as a LoadError at the value's JSON pointer.
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "io/load_error.hpp"
#include "sim/calendar.hpp"
#include "sim/time.hpp"

namespace repsim::io {

class KeyTable;
class LoadProblems;

// Deeper nesting is an error during parsing (no scenario needs more than ~8 levels; the parser
// builds the tree without recursion, and nlohmann destroys trees without recursion too).
inline constexpr std::size_t kMaxJsonDepth = 64;
// Larger files are refused before parsing: a scenario is a few hundred kilobytes at most.
inline constexpr std::size_t kMaxJsonBytes = std::size_t{64} << 20;

// Parses one JSON document. `name_for_errors` is the FILE part of every LoadError. Rejects empty
// input, syntax errors and invalid UTF-8 (with line and column), numbers outside the double range
// (1e999), duplicate keys in an object, nesting deeper than kMaxJsonDepth.
nlohmann::json parse_json_text(std::string_view text, const std::string& name_for_errors);
// Reads a file's text; a missing file, a directory, an unreadable file or one larger than
// kMaxJsonBytes is a LoadError at "/".
std::string read_input_file(const std::string& path);
// read_input_file, then parse_json_text.
nlohmann::json read_json_file(const std::string& path);

// RFC 6901: "~" is written "~0" and "/" is written "~1" inside a key.
std::string pointer_child(std::string_view parent, std::string_view key);
std::string pointer_child(std::string_view parent, std::size_t index);

// Shortest decimal text that reads back as the same double ("0.1", "1e+300", "-7").
std::string format_number(double v);

// A view of one value of a parsed document: the value, its file and its pointer. Cheap to copy;
// the document must outlive it.
class JsonNode {
 public:
  JsonNode(const nlohmann::json& value, std::string file, std::string pointer = {});

  const nlohmann::json& value() const { return *value_; }
  const std::string& file() const { return file_; }
  const std::string& pointer() const { return pointer_; }
  // Throws LoadError(file, pointer, message).
  [[noreturn]] void fail(const std::string& message) const;
  // A problem after which the caller can go on (it ignores the key, clamps the value): recorded in
  // the problems this node collects into, else thrown like fail(). See io/load_problems.hpp.
  void report(const std::string& message) const;
  // The same at this object's `key`.
  void report_key(std::string_view key, const std::string& message) const;
  // From here on this node and the nodes read from it record reported problems in `problems`.
  void collect_into(LoadProblems* problems) { problems_ = problems; }

  bool is_null() const { return value_->is_null(); }
  bool is_string() const { return value_->is_string(); }
  bool is_number() const { return value_->is_number(); }
  bool is_object() const { return value_->is_object(); }
  bool is_array() const { return value_->is_array(); }
  // "null", "boolean", "number", "string", "array", "object".
  std::string type_name() const { return value_->type_name(); }

  // --- objects ---
  // Fails unless this is an object whose keys are all in `allowed`; an unknown key is reported at
  // its own pointer (and then ignored): "unknown key 'thershold' (did you mean 'threshold'?)".
  void check_keys(std::initializer_list<std::string_view> allowed) const;
  void check_keys(const std::vector<std::string_view>& allowed) const;
  // The same against a declared table, which this node then remembers: from here on, looking up a
  // key the table lacks is a bug in the reader (std::logic_error), and every lookup is recorded in
  // the table (KeyTable::note_read).
  void check_keys(const KeyTable& table) const;
  // Remembers `table` for lookups without checking the keys yet: for a reader that reads a few
  // keys before it knows the whole table (a timeline entry's `at` before its action's keys).
  void expect_keys(const KeyTable& table) const { keys_ = &table; }
  bool has(std::string_view key) const;
  std::optional<JsonNode> find(std::string_view key) const;
  // Fails at this object when the key is missing: "missing required key 'id'".
  JsonNode at(std::string_view key) const;
  // --- arrays ---
  std::vector<JsonNode> items() const;

  // --- scalars (each fails with "expected X, got Y" on a wrong type) ---
  std::string string() const;
  std::string nonempty_string() const;
  bool boolean() const;
  double number() const;
  double number_in(double lo, double hi) const;  // closed range
  double share() const { return number_in(0.0, 1.0); }
  double nonnegative() const;
  // An integer (5 or 5.0) in [lo, hi].
  std::uint64_t unsigned_in(std::uint64_t lo, std::uint64_t hi) const;
  std::uint32_t uint32_in(std::uint32_t lo, std::uint32_t hi) const {
    return static_cast<std::uint32_t>(unsigned_in(lo, hi));
  }
  // "36h" (sim::parse_duration) or a number of seconds; never negative.
  sim::Time duration() const;
  sim::Time positive_duration() const;
  // An ISO-8601 time with offset, or an offset from the calendar's start ("36h", "+36h", or a
  // number of seconds). No range check (callers know the run's length).
  sim::Time time(const sim::Calendar& calendar) const;

  // One of a fixed set of names: "unknown kind 'x' (expected one of: shared, dedicated)".
  std::string one_of(std::string_view what, const std::vector<std::string>& names) const;
  template <class E>
  E choice(std::string_view what, std::initializer_list<std::pair<std::string_view, E>> options) const {
    const std::string s = string();
    for (const auto& [name, value] : options)
      if (name == s) return value;
    std::vector<std::string> names;
    for (const auto& option : options) names.emplace_back(option.first);
    fail_choice(what, s, names);
  }

 private:
  [[noreturn]] void fail_type(const char* expected) const;
  void note_lookup(std::string_view key) const;
  [[noreturn]] void fail_choice(std::string_view what, const std::string& got,
                                const std::vector<std::string>& names) const;

  const nlohmann::json* value_;
  std::string file_;
  std::string pointer_;
  // Not part of the value: which table the keys were checked against, for note_lookup.
  mutable const KeyTable* keys_ = nullptr;
  LoadProblems* problems_ = nullptr;  // null: every problem throws
};

}  // namespace repsim::io
