#pragma once
// One kind of JSON object declared once: its keys, their JSON types, documented defaults and
// one-line docs. The loader checks objects against these tables, and the format's documents
// (scenarios/README.md, schema/scenario.schema.json, fuzz/scenario.dict) are generated from or checked
// against them (scripts/scenario_keys.py), so adding a key means adding one row.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace repsim::io {

class JsonNode;
class KeyTable;

// The JSON types a value may take, as bits: a duration is a string or a number.
namespace json_type {
inline constexpr std::uint8_t kString = 1;
inline constexpr std::uint8_t kNumber = 2;
inline constexpr std::uint8_t kInteger = 4;
inline constexpr std::uint8_t kBoolean = 8;
inline constexpr std::uint8_t kArray = 16;
inline constexpr std::uint8_t kObject = 32;
// Durations and times: "36h" or a number of seconds. Scores: a number or a band name.
inline constexpr std::uint8_t kDuration = kString | kNumber;
inline constexpr std::uint8_t kTime = kString | kNumber;
inline constexpr std::uint8_t kScore = kNumber | kString;
}  // namespace json_type

// What a key is when absent: required, a JSON value (`literal`), or prose for the docs.
struct Default {
  enum class Kind : std::uint8_t { Required, Literal, Prose };
  Kind kind = Kind::Prose;
  std::string_view text;
};
inline constexpr Default kRequired{Default::Kind::Required, {}};
constexpr Default literal(std::string_view json) { return {Default::Kind::Literal, json}; }
constexpr Default prose(std::string_view text) { return {Default::Kind::Prose, text}; }

struct Key {
  Key(std::string_view name, std::uint8_t types, std::string_view type, Default fallback,
      std::string_view doc, std::vector<std::string_view> choices = {})
      : name(name), types(types), type(type), fallback(fallback), doc(doc), choices(std::move(choices)) {}
  // A row that stands for every key of `part`: see include().
  explicit Key(const KeyTable& part) : part(&part) {}

  std::string_view name;
  std::uint8_t types = 0;  // json_type bits
  std::string_view type;   // as the docs say it: "positive duration", "integer 1 .. 2^24"
  Default fallback;
  std::string_view doc;                   // one line of markdown
  std::vector<std::string_view> choices;  // the strings it (or each item) may be, when a fixed set
  const KeyTable* part = nullptr;         // set only by include(): every key of that table, here
};

// A row that stands for every key of `part`, in its order: a group several objects share (the
// fields of an episode, a gateway's policy keys). Its keys are documented once, with `part`.
Key include(const KeyTable& part);

class KeyTable {
 public:
  // `object`: a JSON object of its own (the schema's $defs/<name>); otherwise only a part that
  // other tables include. At most 64 keys of its own.
  KeyTable(std::string name, bool object, std::vector<Key> rows);
  KeyTable(const KeyTable&) = delete;
  KeyTable& operator=(const KeyTable&) = delete;

  std::string_view name() const { return name_; }
  bool is_object() const { return object_; }
  // The keys declared here, without those of included parts.
  const std::vector<Key>& own() const { return own_; }
  // Every key in order, included ones in place: what an object of this kind may hold.
  const std::vector<const Key*>& keys() const { return keys_; }
  const std::vector<std::string_view>& names() const { return names_; }
  bool has(std::string_view key) const;
  // The table that declares `key` (this one or an included part); null when absent.
  const KeyTable* owner_of(std::string_view key) const;

  // Records that a loader looked `key` up, at the table that declares it; false when no table
  // here declares it. A test reads the record back: every declared key must be read somewhere.
  bool note_read(std::string_view key) const;
  std::vector<std::string_view> unread() const;
  void forget_reads() const { read_.store(0, std::memory_order_relaxed); }

 private:
  struct Slot {
    const Key* key;
    const KeyTable* owner;
    std::size_t index;  // in owner->own_
  };

  std::string name_;
  bool object_;
  std::vector<Key> own_;
  std::vector<Slot> slots_;
  std::vector<const Key*> keys_;
  std::vector<std::string_view> names_;
  mutable std::atomic<std::uint64_t> read_{0};
};

// Keys that belong to another variant of the object get a clearer error than "unknown key":
// "'hours' applies only to business_hours profiles".
void reject_keys(const JsonNode& n, const std::vector<std::string_view>& keys, const std::string& why);

// Keys of `a` that `b` lacks, in a's order.
std::vector<std::string_view> keys_not_in(const KeyTable& a, const KeyTable& b);

// One shape among several of an object (a scorer type, a profile kind, a population): `what`
// names its objects in errors ("blocklist scorers").
struct Variant {
  const KeyTable* keys;
  std::string_view what;
};

// Checks `n` as the variant family[mine]. A key that only other variants have fails first and says
// where it belongs: "'hours' applies only to business_hours profiles"; when such keys belong to
// several other variants, "'after' does not apply to ticket_received triggers". Then check_keys.
void check_variant_keys(const JsonNode& n, const std::vector<Variant>& family, std::size_t mine);

// The table as data for tools: name, object, and per key its name, types, type, required, default
// ("default_json", as written, or "default_text", prose), doc, choices and the part that declares it.
nlohmann::json to_json(const KeyTable& table);

}  // namespace repsim::io
