// Typed, strict reading of parsed JSON: every wrong type, range or unknown key becomes a LoadError
// at the pointer of the offending value.
#include <charconv>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "io/json_reader.hpp"
#include "io/key_table.hpp"
#include "io/load_problems.hpp"
#include "io/suggest.hpp"

namespace repsim::io {

std::string pointer_child(std::string_view parent, std::string_view key) {
  std::string p(parent);
  p += '/';
  for (char c : key) {
    if (c == '~')
      p += "~0";
    else if (c == '/')
      p += "~1";
    else
      p += c;
  }
  return p;
}

std::string pointer_child(std::string_view parent, std::size_t index) {
  return std::string(parent) + "/" + std::to_string(index);
}

std::string format_number(double v) {
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  if (std::isnan(v)) return "nan";
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

JsonNode::JsonNode(const nlohmann::json& value, std::string file, std::string pointer)
    : value_(&value), file_(std::move(file)), pointer_(std::move(pointer)) {}

void JsonNode::fail(const std::string& message) const { throw LoadError(file_, pointer_, message); }

void JsonNode::report(const std::string& message) const {
  if (problems_ == nullptr) fail(message);
  problems_->add(LoadError(file_, pointer_, message));
}

void JsonNode::report_key(std::string_view key, const std::string& message) const {
  LoadError e(file_, pointer_child(pointer_, key), message);
  if (problems_ == nullptr) throw e;
  problems_->add(e);
}

void JsonNode::fail_type(const char* expected) const {
  fail(std::string("expected ") + expected + ", got " + type_name());
}

std::string JsonNode::one_of(std::string_view what, const std::vector<std::string>& names) const {
  std::string s = string();
  for (const std::string& name : names)
    if (name == s) return s;
  fail_choice(what, s, names);
}

void JsonNode::fail_choice(std::string_view what, const std::string& got,
                           const std::vector<std::string>& names) const {
  std::string list;
  for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
  fail("unknown " + std::string(what) + " '" + got + "' (expected one of: " + list + ")");
}

void JsonNode::check_keys(std::initializer_list<std::string_view> allowed) const {
  check_keys(std::vector<std::string_view>(allowed));
}

void JsonNode::check_keys(const std::vector<std::string_view>& allowed) const {
  if (!is_object()) fail_type("an object");
  for (const auto& [key, child] : value_->items()) {
    bool known = false;
    for (std::string_view a : allowed) known = known || a == key;
    if (known) continue;
    std::vector<std::string> names(allowed.begin(), allowed.end());
    if (const auto near = closest_name(key, names)) {
      report_key(key, "unknown key '" + key + "' (did you mean '" + *near + "'?)");
      continue;
    }
    std::string message = "unknown key '" + key + "' (known keys: ";
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (i > 0) message += ", ";
      message += names[i];
    }
    message += ")";
    report_key(key, message);
  }
}

void JsonNode::check_keys(const KeyTable& table) const {
  check_keys(table.names());
  keys_ = &table;
}

void JsonNode::note_lookup(std::string_view key) const {
  if (keys_ != nullptr && !keys_->note_read(key))
    throw std::logic_error("internal: the loader reads key '" + std::string(key) + "' at " + pointer_ +
                           ", which table '" + std::string(keys_->name()) + "' does not declare");
}

bool JsonNode::has(std::string_view key) const {
  note_lookup(key);
  return is_object() && value_->contains(key);
}

std::optional<JsonNode> JsonNode::find(std::string_view key) const {
  note_lookup(key);
  if (!is_object()) fail_type("an object");
  const auto it = value_->find(key);
  if (it == value_->end()) return std::nullopt;
  JsonNode child(*it, file_, pointer_child(pointer_, key));
  child.problems_ = problems_;
  return child;
}

JsonNode JsonNode::at(std::string_view key) const {
  if (auto n = find(key)) return *n;
  fail("missing required key '" + std::string(key) + "'");
}

std::vector<JsonNode> JsonNode::items() const {
  if (!is_array()) fail_type("an array");
  std::vector<JsonNode> out;
  out.reserve(value_->size());
  for (std::size_t i = 0; i < value_->size(); ++i) {
    out.emplace_back((*value_)[i], file_, pointer_child(pointer_, i));
    out.back().problems_ = problems_;
  }
  return out;
}

std::string JsonNode::string() const {
  if (!is_string()) fail_type("a string");
  return value_->get<std::string>();
}

std::string JsonNode::nonempty_string() const {
  std::string s = string();
  if (s.empty()) fail("must not be empty");
  return s;
}

bool JsonNode::boolean() const {
  if (!value_->is_boolean()) fail_type("true or false");
  return value_->get<bool>();
}

double JsonNode::number() const {
  if (!is_number()) fail_type("a number");
  const double v = value_->get<double>();
  if (!std::isfinite(v)) fail("not a finite number");  // only a document built in code can hold one
  return v;
}

double JsonNode::number_in(double lo, double hi) const {
  const double v = number();
  if (v < lo || v > hi) {
    report(format_number(v) + " is out of range [" + format_number(lo) + ", " + format_number(hi) + "]");
    return v < lo ? lo : hi;
  }
  return v;
}

double JsonNode::nonnegative() const {
  const double v = number();
  if (v < 0) {
    report(format_number(v) + " is negative (must be >= 0)");
    return 0;
  }
  return v;
}

std::uint64_t JsonNode::unsigned_in(std::uint64_t lo, std::uint64_t hi) const {
  std::uint64_t v = 0;
  if (value_->is_number_unsigned()) {
    v = value_->get<std::uint64_t>();
  } else if (value_->is_number_integer()) {
    // Parsed text stores non-negative integers as unsigned, but a document built or edited in code
    // (a sweep variant: doc["seed"] = 5) holds signed ones.
    const auto i = value_->get<std::int64_t>();
    if (i < 0)
      fail(std::to_string(i) + " is out of range [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
    v = static_cast<std::uint64_t>(i);
  } else if (value_->is_number_float()) {
    const double d = number();
    if (d != std::floor(d)) fail("expected a whole number, got " + format_number(d));
    // 2^64 as a double: anything at or above it does not fit.
    if (d < 0 || d >= 18446744073709551616.0)
      fail(format_number(d) + " is out of range [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
    v = static_cast<std::uint64_t>(d);
  } else {
    fail_type("a whole number");
  }
  if (v < lo || v > hi) {
    report(std::to_string(v) + " is out of range [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
    return v < lo ? lo : hi;
  }
  return v;
}

sim::Time JsonNode::duration() const {
  if (is_number()) {
    const double s = number();
    if (s < 0) fail("negative duration " + format_number(s) + " s");
    try {
      return sim::from_seconds(s);
    } catch (const std::exception&) {
      fail("duration " + format_number(s) + " s is out of range");
    }
  }
  if (!is_string()) fail_type("a duration (\"36h\" or a number of seconds)");
  try {
    return sim::parse_duration(value_->get<std::string>());
  } catch (const std::exception& e) {
    fail(std::string("bad duration: ") + e.what());
  }
}

sim::Time JsonNode::positive_duration() const {
  const sim::Time t = duration();
  // Not reported and replaced: a run, a window or a period of 0 would make later checks refuse what
  // is sound (every time "after the scenario end").
  if (t <= 0) fail("duration must be positive, got " + sim::format_duration(t));
  return t;
}

sim::Time JsonNode::time(const sim::Calendar& calendar) const {
  // A negative offset can only mean a time before the start: say so rather than "negative duration".
  const auto before_start = [&](const std::string& what) {
    fail("time " + what + " is before the scenario start (" + calendar.iso(0) + ")");
  };
  if (is_number()) {  // seconds after the start
    if (number() < 0) before_start(format_number(number()) + " s");
    return duration();
  }
  if (!is_string())
    fail_type("a time (ISO-8601 like \"2012-05-09T16:30:00-04:00\" or an offset like \"36h\")");
  const std::string text = value_->get<std::string>();
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && text[first] == '-') before_start("'" + text + "'");
  try {
    return calendar.parse_time(value_->get<std::string>());
  } catch (const std::exception& e) {
    fail(std::string("bad time: ") + e.what());
  }
}

}  // namespace repsim::io
