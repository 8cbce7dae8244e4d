// Key tables: flattening included parts, the record of reads, and the variant check.
#include "io/key_table.hpp"

#include <stdexcept>
#include <string>

#include "io/json_reader.hpp"

namespace repsim::io {

Key include(const KeyTable& part) { return Key(part); }

KeyTable::KeyTable(std::string name, bool object, std::vector<Key> rows)
    : name_(std::move(name)), object_(object) {
  // Own keys first, so the slots below point into a vector that no longer grows.
  for (Key& k : rows)
    if (k.part == nullptr) own_.push_back(std::move(k));
  if (own_.size() > 64) throw std::logic_error("key table '" + name_ + "' has over 64 keys");
  std::size_t next_own = 0;
  for (const Key& k : rows) {
    if (k.part == nullptr) {
      slots_.push_back(Slot{&own_[next_own], this, next_own});
      ++next_own;
    } else {
      slots_.insert(slots_.end(), k.part->slots_.begin(), k.part->slots_.end());
    }
  }
  for (const Slot& s : slots_) {
    if (has(s.key->name))
      throw std::logic_error("key table '" + name_ + "' declares '" + std::string(s.key->name) + "' twice");
    keys_.push_back(s.key);
    names_.push_back(s.key->name);
  }
}

bool KeyTable::has(std::string_view key) const { return owner_of(key) != nullptr; }

const KeyTable* KeyTable::owner_of(std::string_view key) const {
  for (std::size_t i = 0; i < names_.size(); ++i)
    if (names_[i] == key) return slots_[i].owner;
  return nullptr;
}

bool KeyTable::note_read(std::string_view key) const {
  for (std::size_t i = 0; i < names_.size(); ++i)
    if (names_[i] == key) {
      slots_[i].owner->read_.fetch_or(std::uint64_t{1} << slots_[i].index, std::memory_order_relaxed);
      return true;
    }
  return false;
}

std::vector<std::string_view> KeyTable::unread() const {
  const std::uint64_t read = read_.load(std::memory_order_relaxed);
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < own_.size(); ++i)
    if ((read >> i & 1) == 0) out.push_back(own_[i].name);
  return out;
}

void reject_keys(const JsonNode& n, const std::vector<std::string_view>& keys, const std::string& why) {
  // Looks at the value directly: a key that must be absent is not one the object's table declares.
  if (!n.is_object()) n.fail("expected an object, got " + n.type_name());
  for (std::string_view k : keys) {
    const auto it = n.value().find(k);
    if (it == n.value().end()) continue;
    std::string message = "'";  // appended piecewise: g++ 12 -O3 warns falsely on "'" + std::string(k)
    message.append(k).append("' ").append(why);
    n.report_key(k, message);  // then ignored, like an unknown key
  }
}

std::vector<std::string_view> keys_not_in(const KeyTable& a, const KeyTable& b) {
  std::vector<std::string_view> out;
  for (std::string_view k : a.names())
    if (!b.has(k)) out.push_back(k);
  return out;
}

void check_variant_keys(const JsonNode& n, const std::vector<Variant>& family, std::size_t mine) {
  const KeyTable& own = *family[mine].keys;
  // The keys only other variants have, each with the first variant that has it, in family order.
  std::vector<std::pair<std::string_view, const Variant*>> foreign;
  bool shared = false;  // some foreign key belongs to several other variants
  for (const Variant& v : family) {
    if (&v == &family[mine]) continue;
    for (std::string_view k : keys_not_in(*v.keys, own)) {
      bool seen = false;
      for (const auto& f : foreign) seen = seen || f.first == k;
      shared = shared || seen;
      if (!seen) foreign.emplace_back(k, &v);
    }
  }
  for (const auto& [key, variant] : foreign) {
    const std::string why = shared ? "does not apply to " + std::string(family[mine].what)
                                   : "applies only to " + std::string(variant->what);
    reject_keys(n, {key}, why);
  }
  n.check_keys(own);
}

nlohmann::json to_json(const KeyTable& table) {
  nlohmann::json keys = nlohmann::json::array();
  for (const Key* k : table.keys()) {
    nlohmann::json types = nlohmann::json::array();
    const std::pair<std::uint8_t, const char*> names[] = {
        {json_type::kString, "string"},   {json_type::kNumber, "number"}, {json_type::kInteger, "integer"},
        {json_type::kBoolean, "boolean"}, {json_type::kArray, "array"},   {json_type::kObject, "object"}};
    for (const auto& [bit, name] : names)
      if (k->types & bit) types.push_back(name);
    nlohmann::json key = {
        {"name", std::string(k->name)}, {"types", types},
        {"type", std::string(k->type)}, {"required", k->fallback.kind == Default::Kind::Required},
        {"doc", std::string(k->doc)},   {"declared_in", std::string(table.owner_of(k->name)->name())}};
    if (k->fallback.kind == Default::Kind::Literal) key["default_json"] = std::string(k->fallback.text);
    if (k->fallback.kind == Default::Kind::Prose) key["default_text"] = std::string(k->fallback.text);
    if (!k->choices.empty()) {
      key["choices"] = nlohmann::json::array();
      for (std::string_view c : k->choices) key["choices"].push_back(std::string(c));
    }
    keys.push_back(std::move(key));
  }
  return {{"name", std::string(table.name())}, {"object", table.is_object()}, {"keys", std::move(keys)}};
}

}  // namespace repsim::io
