#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>

#include "io/json_reader.hpp"
#include "io/suggest.hpp"

using namespace repsim;
using io::JsonNode;
using io::LoadError;

namespace {

std::string parse_error(std::string_view text) {
  try {
    io::parse_json_text(text, "f.json");
    return "<parsed>";
  } catch (const LoadError& e) {
    return e.what();
  }
}

std::string file_error(const std::string& path) {
  try {
    io::read_json_file(path);
    return "<parsed>";
  } catch (const LoadError& e) {
    return e.what();
  }
}

const std::string kData = std::string(REPSIM_SOURCE_DIR) + "/tests/data/";

// Runs `read` on the value of key "v" in `doc` and returns the error, or "<ok>".
template <class F>
std::string node_error(const std::string& doc, F read) {
  const nlohmann::json j = io::parse_json_text(doc, "n.json");
  try {
    read(JsonNode(j, "n.json").at("v"));
    return "<ok>";
  } catch (const LoadError& e) {
    return e.what();
  }
}

}  // namespace

TEST_CASE("LoadError is one line: FILE: /pointer: message", "[scenario]") {
  const LoadError root("a.json", "", "bad");
  CHECK(std::string(root.what()) == "a.json: /: bad");
  CHECK(root.pointer().empty());
  CHECK(root.message() == "bad");
  // A newline inside a key must not break the line.
  CHECK(std::string(LoadError("a.json", "/x\ny", "m\n").what()) == "a.json: /x\\x0Ay: m\\x0A");
}

TEST_CASE("parse errors of broken text", "[scenario]") {
  CHECK(parse_error("") == "f.json: /: empty file (expected a JSON document)");
  CHECK(parse_error(" \n\t ") == "f.json: /: empty file (expected a JSON document)");
  // Truncated inside an array under "a": the pointer names the element that was being read (index 2).
  CHECK(parse_error(R"({"a": [1, 2)") ==
        "f.json: /a/2: invalid JSON: parse error at line 1, column 12: syntax error while parsing array - "
        "unexpected end of input; expected ']'");
  // Binary garbage: control bytes are quoted as <U+0001> by the parser.
  CHECK(
      parse_error(std::string("\x01\x02\xff garbage", 11)) ==
      "f.json: /: invalid JSON: parse error at line 1, column 1: syntax error while parsing value - invalid "
      "literal; last read: '<U+0001>'");
  // Invalid UTF-8 in a string: the raw byte is shown as \xFF.
  CHECK(
      parse_error("{\"a\": \"\xff\"}") ==
      "f.json: /a: invalid JSON: parse error at line 1, column 8: syntax error while parsing value - invalid "
      "string: ill-formed UTF-8 byte; last read: '\"\\xFF'");
  // nlohmann stops at a NUL byte as if the input ended there; trailing junk must not pass.
  CHECK(parse_error(std::string("{\"a\": 1}\0junk", 13)) ==
        "f.json: /: NUL byte at line 1, column 9: binary data, not JSON text");
  CHECK(parse_error(std::string("{\n\n  \0", 6)) ==
        "f.json: /: NUL byte at line 3, column 3: binary data, not JSON text");
  CHECK(
      parse_error(R"({"a": {"b": [0, {"c": tru}]}})") ==
      "f.json: /a/b/1/c: invalid JSON: parse error at line 1, column 26: syntax error while parsing value - "
      "invalid literal; last read: '\"c\": tru}'");
}

TEST_CASE("numbers outside the double range are rejected, with line and column", "[scenario]") {
  // "1e999" starts at byte 10 of line 1 -> column 11.
  CHECK(parse_error(R"({"a": [1, 1e999]})") ==
        "f.json: /a/1: number '1e999' at line 1, column 11 is out of range (not a finite double)");
  CHECK(parse_error("{\"x\":\n  -1e400}") ==
        "f.json: /x: number '-1e400' at line 2, column 3 is out of range (not a finite double)");
  // Underflow is harmless: it reads as 0.
  CHECK(io::parse_json_text("1e-999", "f.json").get<double>() == 0.0);
}

TEST_CASE("nesting is limited while parsing, without recursion", "[scenario]") {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  std::string pointer;
  for (std::size_t i = 0; i < io::kMaxJsonDepth; ++i) pointer += "/0";
  CHECK(parse_error(deep) == "f.json: " + pointer + ": nesting deeper than 64 levels");
  // 64 levels are fine, 65 are not.
  CHECK(io::parse_json_text(std::string(64, '[') + std::string(64, ']'), "f.json").is_array());
  CHECK(parse_error(std::string(65, '[') + std::string(65, ']')) ==
        "f.json: " + pointer + ": nesting deeper than 64 levels");
  CHECK(parse_error(std::string(100000, '{')).find("nesting deeper than 64 levels") == std::string::npos);
}

TEST_CASE("destroying a very deep value built in code does not overflow the stack", "[scenario]") {
  // nlohmann 3.11 destroys iteratively; this fails (crashes) if a future version recursed.
  nlohmann::json v = nlohmann::json::array();
  for (int i = 0; i < 200000; ++i) {
    nlohmann::json outer = nlohmann::json::array();
    outer.push_back(std::move(v));
    v = std::move(outer);
  }
  v = nullptr;
  CHECK(v.is_null());
}

TEST_CASE("duplicate keys are errors", "[scenario]") {
  CHECK(parse_error(R"({"a": 1, "b": {"c": 1, "c": 2}})") == "f.json: /b/c: duplicate key 'c'");
}

TEST_CASE("pointers escape ~ and /", "[scenario]") {
  CHECK(io::pointer_child("", "a/b~c") == "/a~1b~0c");
  CHECK(io::pointer_child("/x", std::size_t{3}) == "/x/3");
  CHECK(parse_error(R"({"a/b": {"x": 1, "x": 2}})") == "f.json: /a~1b/x: duplicate key 'x'");
}

TEST_CASE("reading files: missing, directory, empty, truncated, garbage, invalid UTF-8", "[scenario]") {
  CHECK(file_error(kData + "no_such_file.json") ==
        kData + "no_such_file.json: /: cannot read file: no such file");
  CHECK(file_error(kData) == kData + ": /: cannot read file: it is a directory");
  CHECK(file_error(kData + "empty.json") == kData + "empty.json: /: empty file (expected a JSON document)");
  CHECK(file_error(kData + "truncated.json") == kData +
                                                    "truncated.json: /a/2: invalid JSON: parse error at line "
                                                    "1, column 12: syntax error while parsing array - "
                                                    "unexpected end of input; expected ']'");
  // garbage.bin starts with a NUL byte.
  CHECK(file_error(kData + "garbage.bin") ==
        kData + "garbage.bin: /: NUL byte at line 1, column 1: binary data, not JSON text");
  // {"name": "caf\xE9"}: Latin-1 e-acute is not UTF-8. \xE9 (column 14) opens a 3-byte sequence,
  // so the parser stops at the next byte, the closing quote (column 15).
  CHECK(file_error(kData + "invalid_utf8.json") ==
        kData +
            "invalid_utf8.json: /name: invalid JSON: parse error at line 1, column 15: syntax error while "
            "parsing "
            "value - invalid string: ill-formed UTF-8 byte; last read: '\"caf\\xE9\"'");
}

TEST_CASE("edit distance and suggestions", "[scenario]") {
  CHECK(io::edit_distance("thershold", "threshold") == 1);  // one transposition
  CHECK(io::edit_distance("kitten", "sitting") == 3);       // k->s, e->i, +g
  CHECK(io::edit_distance("", "abc") == 3);
  CHECK(io::edit_distance("abc", "abc") == 0);
  const std::vector<std::string> keys{"threshold", "policy", "id"};
  CHECK(io::closest_name("thershold", keys) == "threshold");
  CHECK(io::closest_name("zzzzzz", keys) == std::nullopt);
  // "x" vs "id" is distance 2 >= the word's own length: no suggestion.
  CHECK(io::closest_name("x", keys) == std::nullopt);
  // Nearest first, then in the given order; "..." when cut.
  // Distances from "vaa": va 1, a 2, mx b c 3, prime 5.
  CHECK(io::short_list("vaa", {"prime", "va", "mx", "a", "b", "c"}) == "va, a, mx, b, c, ...");
  CHECK(io::short_list("q", {"a", "b"}) == "a, b");
}

TEST_CASE("unknown keys name the nearest known key", "[scenario]") {
  const auto keys = [](const JsonNode& n) { n.check_keys({"threshold", "policy"}); };
  CHECK(node_error(R"({"v": {"thershold": 1}})", keys) ==
        "n.json: /v/thershold: unknown key 'thershold' (did you mean 'threshold'?)");
  CHECK(node_error(R"({"v": {"zzz": 1}})", keys) ==
        "n.json: /v/zzz: unknown key 'zzz' (known keys: threshold, policy)");
  CHECK(node_error(R"({"v": [1]})", keys) == "n.json: /v: expected an object, got array");
  CHECK(node_error(R"({"v": {}})", [](const JsonNode& n) { n.at("id"); }) ==
        "n.json: /v: missing required key 'id'");
}

TEST_CASE("typed scalars: wrong type and out of range", "[scenario]") {
  CHECK(node_error(R"({"v": "1"})", [](const JsonNode& n) { n.number(); }) ==
        "n.json: /v: expected a number, got string");
  CHECK(node_error(R"({"v": 1})", [](const JsonNode& n) { n.string(); }) ==
        "n.json: /v: expected a string, got number");
  CHECK(node_error(R"({"v": 1})", [](const JsonNode& n) { n.boolean(); }) ==
        "n.json: /v: expected true or false, got number");
  CHECK(node_error(R"({"v": 1.5})", [](const JsonNode& n) { n.share(); }) ==
        "n.json: /v: 1.5 is out of range [0, 1]");
  CHECK(node_error(R"({"v": -0.5})", [](const JsonNode& n) { n.nonnegative(); }) ==
        "n.json: /v: -0.5 is negative (must be >= 0)");
  CHECK(node_error(R"({"v": -3})", [](const JsonNode& n) { n.unsigned_in(0, 10); }) ==
        "n.json: /v: -3 is out of range [0, 10]");
  CHECK(node_error(R"({"v": 11})", [](const JsonNode& n) { n.unsigned_in(0, 10); }) ==
        "n.json: /v: 11 is out of range [0, 10]");
  CHECK(node_error(R"({"v": 2.5})", [](const JsonNode& n) { n.unsigned_in(0, 10); }) ==
        "n.json: /v: expected a whole number, got 2.5");
  CHECK(node_error(R"({"v": ""})", [](const JsonNode& n) { n.nonempty_string(); }) ==
        "n.json: /v: must not be empty");
  // Whole numbers written as floats are accepted; the full uint64 range is.
  const nlohmann::json j = io::parse_json_text(R"({"a": 5.0, "b": 18446744073709551615})", "n.json");
  CHECK(JsonNode(j, "n.json").at("a").unsigned_in(0, 10) == 5);
  CHECK(JsonNode(j, "n.json").at("b").unsigned_in(0, UINT64_MAX) == UINT64_MAX);
  // A document edited in code holds signed integers where parsed text has unsigned ones.
  const nlohmann::json edited = {{"a", std::int64_t{7}}, {"b", std::int64_t{-7}}};
  REQUIRE(edited["a"].is_number_integer());
  REQUIRE_FALSE(edited["a"].is_number_unsigned());
  CHECK(JsonNode(edited, "e").at("a").unsigned_in(0, 10) == 7);
  CHECK_THROWS_WITH(JsonNode(edited, "e").at("b").unsigned_in(0, 10), "e: /b: -7 is out of range [0, 10]");
}

TEST_CASE("durations: text or seconds, never negative", "[scenario]") {
  const nlohmann::json j = io::parse_json_text(R"({"a": "2d6h", "b": 90, "c": 0.5, "d": "0s"})", "n.json");
  const JsonNode n(j, "n.json");
  CHECK(n.at("a").duration() == sim::days(2) + sim::hours(6));
  CHECK(n.at("b").duration() == sim::seconds(90));
  CHECK(n.at("c").duration() == 500 * sim::kMillisecond);
  CHECK(n.at("d").duration() == 0);
  CHECK(node_error(R"({"v": "0s"})", [](const JsonNode& x) { x.positive_duration(); }) ==
        "n.json: /v: duration must be positive, got 0s");
  CHECK(node_error(R"({"v": -5})", [](const JsonNode& x) { x.duration(); }) ==
        "n.json: /v: negative duration -5 s");
  CHECK(node_error(R"({"v": "-5m"})", [](const JsonNode& x) { x.duration(); }) ==
        "n.json: /v: bad duration: negative duration '-5m'");
  CHECK(node_error(R"({"v": "5x"})", [](const JsonNode& x) { x.duration(); }) ==
        "n.json: /v: bad duration: unknown unit 'x' in '5x'");
  CHECK(node_error(R"({"v": true})", [](const JsonNode& x) { x.duration(); }) ==
        "n.json: /v: expected a duration (\"36h\" or a number of seconds), got boolean");
  CHECK(node_error(R"({"v": 1e300})", [](const JsonNode& x) { x.duration(); }) ==
        "n.json: /v: duration 1e+300 s is out of range");
}

TEST_CASE("times: ISO with offset or an offset from the start", "[scenario]") {
  const sim::Calendar cal = sim::Calendar::parse("2012-05-09T16:30:00-04:00");
  const nlohmann::json j =
      io::parse_json_text(R"({"a": "2012-05-09T22:30:00Z", "b": "+36h", "c": "36h", "d": 60})", "n.json");
  const JsonNode n(j, "n.json");
  CHECK(n.at("a").time(cal) == sim::hours(2));  // 22:30Z is 18:30 at -04:00
  CHECK(n.at("b").time(cal) == sim::hours(36));
  CHECK(n.at("c").time(cal) == sim::hours(36));
  CHECK(n.at("d").time(cal) == sim::minutes(1));
  CHECK(node_error(R"({"v": "2012-13-01T00:00:00Z"})", [&](const JsonNode& x) { x.time(cal); }) ==
        "n.json: /v: bad time: bad month 13 in '2012-13-01T00:00:00Z'");
}

TEST_CASE("choices list what is expected", "[scenario]") {
  enum class K { A, B };
  CHECK(node_error(R"({"v": "c"})", [](const JsonNode& x) {
          x.choice<K>("kind", {{"a", K::A}, {"b", K::B}});
        }) == "n.json: /v: unknown kind 'c' (expected one of: a, b)");
  const nlohmann::json j = io::parse_json_text(R"({"v": "b"})", "n.json");
  CHECK(JsonNode(j, "n.json").at("v").choice<K>("kind", {{"a", K::A}, {"b", K::B}}) == K::B);
}

TEST_CASE("format_number is the shortest exact text", "[scenario]") {
  CHECK(io::format_number(0.1) == "0.1");
  CHECK(io::format_number(-7) == "-7");
  CHECK(io::format_number(1e300) == "1e+300");
}
