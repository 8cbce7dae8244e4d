// Key tables: included parts in place, the loader's checks and errors from a table, the record of
// reads, variant errors and the JSON that tools read.
#include <catch2/catch.hpp>

#include <functional>
#include <stdexcept>

#include "io/json_reader.hpp"
#include "io/key_table.hpp"

using namespace repsim::io;
using namespace repsim::io::json_type;

namespace {

// The one-line error `check` raises on the value at /v of `text`, or "<ok>".
std::string error_at_v(const std::string& text, const std::function<void(const JsonNode&)>& check) {
  const nlohmann::json doc = parse_json_text(text, "n.json");
  try {
    check(JsonNode(doc, "n.json").at("v"));
    return "<ok>";
  } catch (const LoadError& e) {
    return e.what();
  }
}

const KeyTable& part() {
  static const KeyTable t{"part",
                          false,
                          {
                              {"b", kNumber, "number", literal("1"), "bee"},
                              {"c", kString, "", literal(R"("x")"), "", {"x", "y"}},
                          }};
  return t;
}

const KeyTable& whole() {
  static const KeyTable t{"whole",
                          true,
                          {
                              {"a", kString, "id", kRequired, ""},
                              include(part()),
                              {"d", kDuration, "duration", prose("never"), "dee"},
                          }};
  return t;
}

}  // namespace

TEST_CASE("a table lists its keys with included parts in place", "[keys]") {
  CHECK(whole().names() == std::vector<std::string_view>{"a", "b", "c", "d"});
  REQUIRE(whole().own().size() == 2);
  CHECK(whole().own()[1].name == "d");
  CHECK(whole().owner_of("c") == &part());
  CHECK(whole().owner_of("d") == &whole());
  CHECK(whole().owner_of("e") == nullptr);
  CHECK(keys_not_in(whole(), part()) == std::vector<std::string_view>{"a", "d"});
  CHECK_THROWS_WITH(KeyTable("twice", true, {include(part()), {"b", kNumber, "number", literal("2"), ""}}),
                    "key table 'twice' declares 'b' twice");
}

TEST_CASE("check_keys against a table: nearest key, or every key in table order", "[keys]") {
  const auto check = [](const JsonNode& n) { n.check_keys(whole()); };
  CHECK(error_at_v(R"({"v": {"a": "1", "cc": 1}})", check) ==
        "n.json: /v/cc: unknown key 'cc' (did you mean 'c'?)");
  CHECK(error_at_v(R"({"v": {"zzz": 1}})", check) ==
        "n.json: /v/zzz: unknown key 'zzz' (known keys: a, b, c, d)");
  CHECK(error_at_v(R"({"v": {"a": "1", "b": 2, "c": "y", "d": "1h"}})", check) == "<ok>");
}

TEST_CASE("a checked object refuses lookups of undeclared keys and records declared ones", "[keys]") {
  whole().forget_reads();
  part().forget_reads();
  CHECK(whole().unread() == std::vector<std::string_view>{"a", "d"});
  CHECK(part().unread() == std::vector<std::string_view>{"b", "c"});
  // Reads of keys that are absent count too: the table says where the loader looks.
  CHECK(error_at_v(R"({"v": {"a": "1"}})", [](const JsonNode& n) {
          n.check_keys(whole());
          n.at("a");
          n.find("c");
          n.has("d");
        }) == "<ok>");
  CHECK(whole().unread().empty());
  CHECK(part().unread() == std::vector<std::string_view>{"b"});
  CHECK_THROWS_WITH(error_at_v(R"({"v": {"a": "1"}})",
                               [](const JsonNode& n) {
                                 n.check_keys(whole());
                                 n.find("e");
                               }),
                    "internal: the loader reads key 'e' at /v, which table 'whole' does not declare");
  // Before a check nothing is enforced; expect_keys enforces without checking.
  CHECK(error_at_v(R"({"v": {"zzz": 1}})", [](const JsonNode& n) { n.find("e"); }) == "<ok>");
  CHECK_THROWS_AS(error_at_v(R"({"v": {"zzz": 1}})",
                             [](const JsonNode& n) {
                               n.expect_keys(part());
                               n.find("a");
                             }),
                  std::logic_error);
}

TEST_CASE("a key of another variant says which variant it belongs to", "[keys]") {
  static const KeyTable kind{"kind", false, {{"kind", kString, "", kRequired, "", {"one", "two", "three"}}}};
  static const KeyTable one{"one", true, {include(kind), {"x", kNumber, "number", literal("0"), ""}}};
  static const KeyTable two{"two",
                            true,
                            {include(kind),
                             {"x", kNumber, "number", literal("0"), ""},
                             {"y", kNumber, "number", literal("0"), ""}}};
  static const KeyTable three{"three", true, {include(kind), {"z", kNumber, "number", literal("0"), ""}}};
  const std::vector<Variant> family{{&one, "ones"}, {&two, "twos"}, {&three, "threes"}};
  const auto as = [&](std::size_t mine) {
    return [&family, mine](const JsonNode& n) { check_variant_keys(n, family, mine); };
  };
  // Each foreign key of `one` belongs to one other variant.
  CHECK(error_at_v(R"({"v": {"kind": "one", "z": 1}})", as(0)) == "n.json: /v/z: 'z' applies only to threes");
  CHECK(error_at_v(R"({"v": {"kind": "one", "y": 1}})", as(0)) == "n.json: /v/y: 'y' applies only to twos");
  // `three` lacks x, which two variants have: every foreign key "does not apply" to threes.
  CHECK(error_at_v(R"({"v": {"kind": "three", "y": 1}})", as(2)) ==
        "n.json: /v/y: 'y' does not apply to threes");
  // Foreign keys are reported in family order, before unknown keys.
  CHECK(error_at_v(R"({"v": {"kind": "one", "zz": 1, "z": 1, "y": 1}})", as(0)) ==
        "n.json: /v/y: 'y' applies only to twos");
  CHECK(error_at_v(R"({"v": {"kind": "two", "w": 1}})", as(1)) ==
        "n.json: /v/w: unknown key 'w' (known keys: kind, x, y)");
  CHECK(error_at_v(R"({"v": {"kind": "two", "x": 1, "y": 2}})", as(1)) == "<ok>");
}

TEST_CASE("a table as JSON: every key with its types, default, doc, choices and declaring table", "[keys]") {
  const nlohmann::json got = to_json(whole());
  const nlohmann::json want = nlohmann::json::parse(R"({
    "name": "whole", "object": true, "keys": [
      {"name": "a", "types": ["string"], "type": "id", "required": true, "doc": "", "declared_in": "whole"},
      {"name": "b", "types": ["number"], "type": "number", "required": false, "doc": "bee",
       "declared_in": "part", "default_json": "1"},
      {"name": "c", "types": ["string"], "type": "", "required": false, "doc": "", "declared_in": "part",
       "default_json": "\"x\"", "choices": ["x", "y"]},
      {"name": "d", "types": ["string", "number"], "type": "duration", "required": false, "doc": "dee",
       "declared_in": "whole", "default_text": "never"}
    ]})");
  CHECK(got == want);
}
