#pragma once
// Entries found by name, kept in registration order (errors list the names in that order). The
// scorer types' factories (models/scorer_registry.hpp) and their scenario loaders
// (io/scorer_loaders.hpp) are two of these, keyed by the same type names.
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace repsim::models {

template <class Entry>
class NamedRegistry {
 public:
  // Throws std::logic_error when the name is taken: one name must mean one type.
  void add(std::string name, Entry entry) {
    if (find(name)) throw std::logic_error("'" + name + "' is registered twice");
    entries_.emplace_back(std::move(name), std::move(entry));
  }
  // Undoes add(), for a test that registers a type for its own duration; no-op for unknown names.
  void remove(std::string_view name) {
    std::erase_if(entries_, [&](const auto& e) { return e.first == name; });
  }
  const Entry* find(std::string_view name) const {
    for (const auto& [n, e] : entries_)
      if (n == name) return &e;
    return nullptr;
  }
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& e : entries_) out.push_back(e.first);
    return out;
  }
  const std::vector<std::pair<std::string, Entry>>& entries() const { return entries_; }

 private:
  std::vector<std::pair<std::string, Entry>> entries_;
};

}  // namespace repsim::models
