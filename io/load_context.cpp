// Ids, references and clock checks shared by every part of the scenario loader.
#include "io/load_context.hpp"

#include <charconv>
#include <cmath>

#include "io/suggest.hpp"

namespace repsim::io::detail {

namespace {

// "x#12" -> ("x", 12); nullopt when the text is not of that form.
std::optional<std::pair<std::string_view, std::uint64_t>> split_member(std::string_view s) {
  const std::size_t hash = s.rfind('#');
  if (hash == std::string_view::npos || hash + 1 >= s.size()) return std::nullopt;
  const std::string_view digits = s.substr(hash + 1);
  std::uint64_t k = 0;
  const auto r = std::from_chars(digits.data(), digits.data() + digits.size(), k);
  if (r.ec != std::errc() || r.ptr != digits.data() + digits.size()) return std::nullopt;
  return std::make_pair(s.substr(0, hash), k);
}

}  // namespace

const Registry::Entry& Registry::add(const JsonNode& id_node, std::uint32_t count, bool population) {
  const std::string id = id_node.nonempty_string();
  if (id.find('#') != std::string::npos)
    id_node.fail("'#' is not allowed in an id (it names population members, e.g. 'x#0')");
  if (const Entry* e = find(id))
    id_node.fail("duplicate " + singular_ + " id '" + id + "' (first at " + e->pointer + ")");
  if (std::uint64_t{size_} + count >= models::kNone)
    id_node.fail("too many " + plural_ + " (" + std::to_string(models::kNone - 1) + " at most)");
  by_id_.emplace(id, entries_.size());
  entries_.push_back(Entry{id, size_, count, population, id_node.pointer()});
  size_ += count;
  return entries_.back();
}

const Registry::Entry* Registry::find(std::string_view id) const {
  const auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &entries_[it->second];
}

std::vector<std::string> Registry::ids() const {
  std::vector<std::string> out;
  for (const Entry& e : entries_) out.push_back(e.id);
  return out;
}

Registry& LoadContext::registry(Kind kind) {
  return const_cast<Registry&>(static_cast<const LoadContext&>(*this).registry(kind));
}

const Registry& LoadContext::registry(Kind kind) const {
  switch (kind) {
    case Kind::Scorer:
      return scorers;
    case Kind::Provider:
      return providers;
    case Kind::Pool:
      return pools;
    case Kind::Tenant:
      return tenants;
    case Kind::Gateway:
      return gateways;
    case Kind::Operator:
      return operators;
  }
  return scorers;
}

std::uint32_t LoadContext::scaled(std::uint32_t n) const {
  if (scale == 1.0) return n;
  const double v = std::round(static_cast<double>(n) * scale);
  return v < 1.0 ? 1u : (v >= 4e9 ? 4'000'000'000u : static_cast<std::uint32_t>(v));
}

std::uint32_t LoadContext::count(const JsonNode& n) const {
  const std::uint32_t c = scaled(n.uint32_in(1, 1'000'000));
  // The limit applies to the world that is built, so a scaled file says what went wrong.
  if (c > 1'000'000)
    n.fail("count " + std::to_string(n.uint32_in(1, 1'000'000)) + " x scale " + format_number(scale) +
           " is over 1000000 members");
  return c;
}

sim::Time LoadContext::time_in_run(const JsonNode& n) const {
  const sim::Time t = n.time(config.calendar);
  // Thrown, not reported and clamped: a time moved to the run's edge would make the windows and
  // orderings checked after it fail for no fault of their own.
  if (t < 0)
    n.fail("time " + config.calendar.iso(t) + " is before the scenario start (" + config.calendar.iso(0) +
           ")");
  if (t > config.duration)
    n.fail("time " + config.calendar.iso(t) + " is after the scenario end (" +
           config.calendar.iso(config.duration) + ")");
  return t;
}

namespace {

[[noreturn]] void unknown(const JsonNode& n, const Registry& r, const std::string& id) {
  if (r.entries().empty())
    n.fail("unknown " + r.singular() + " '" + id + "' (no " + r.plural() + " are defined)");
  n.fail("unknown " + r.singular() + " '" + id + "' (known: " + short_list(id, r.ids()) + ")");
}

}  // namespace

std::uint32_t LoadContext::ref_index(const JsonNode& n, Kind kind, Binding* binding) const {
  const Registry& r = registry(kind);
  const std::string id = n.nonempty_string();
  if (const Registry::Entry* e = r.find(id)) {
    if (!e->population) return e->first;
    if (binding == nullptr)
      n.fail("'" + id + "' is a population of " + std::to_string(e->count) + " " + r.plural() +
             ": name one member ('" + id + "#0' .. '" + id + "#" + std::to_string(e->count - 1) + "')");
    for (const Binding::Slot& s : binding->slots)
      if (s.kind == kind && s.population == id) return s.first + (binding->collecting ? 0 : s.member);
    if (!binding->collecting) n.fail("internal: population '" + id + "' is not bound");
    binding->slots.push_back(Binding::Slot{kind, id, e->first, e->count, 0});
    return e->first;
  }
  if (const auto member = split_member(id)) {
    const Registry::Entry* e = r.find(member->first);
    if (e && e->population) {
      if (member->second >= e->count)
        n.fail(r.singular() + " population '" + e->id + "' has " + std::to_string(e->count) + " members ('" +
               e->id + "#0' .. '" + e->id + "#" + std::to_string(e->count - 1) + "')");
      return e->first + static_cast<std::uint32_t>(member->second);
    }
  }
  unknown(n, r, id);
}

std::vector<std::uint32_t> LoadContext::refs_all_indices(const JsonNode& n, Kind kind) const {
  const Registry::Entry* e = registry(kind).find(n.nonempty_string());
  if (e && e->population) {
    std::vector<std::uint32_t> all(e->count);
    for (std::uint32_t k = 0; k < e->count; ++k) all[k] = e->first + k;
    return all;
  }
  return {ref_index(n, kind, nullptr)};
}

std::vector<models::IpIndex> LoadContext::ips(const JsonNode& n) const {
  const std::string text = n.nonempty_string();
  if (const Registry::Entry* e = pools.find(text)) {
    const PoolInfo& p = pool_info[e->first];
    std::vector<models::IpIndex> all(p.size);
    for (std::uint32_t k = 0; k < p.size; ++k) all[k] = p.first_ip + k;
    return all;
  }
  if (const auto it = ip_by_address.find(text); it != ip_by_address.end()) return {it->second};
  if (const auto member = split_member(text)) {
    if (const Registry::Entry* e = pools.find(member->first)) {
      const PoolInfo& p = pool_info[e->first];
      if (member->second >= p.size)
        n.fail("pool '" + e->id + "' has " + std::to_string(p.size) + " IPs ('" + e->id + "#0' .. '" + e->id +
               "#" + std::to_string(p.size - 1) + "')");
      return {p.first_ip + member->second};
    }
  }
  std::vector<std::string> known = pools.ids();
  for (const auto& [address, ip] : ip_by_address) known.push_back(address);
  if (known.empty()) n.fail("unknown IP '" + text + "' (no pools are defined)");
  n.fail("unknown IP '" + text +
         "': name a pool, '<pool>#<k>' or a listed address (known: " + short_list(text, known) + ")");
}

models::IpIndex LoadContext::one_ip(const JsonNode& n) const {
  const std::vector<models::IpIndex> all = ips(n);
  if (all.size() != 1)
    n.fail("'" + n.string() + "' names " + std::to_string(all.size()) + " IPs; name one ('" + n.string() +
           "#0' or an address)");
  return all.front();
}

std::pair<sim::Time, sim::Time> LoadContext::window(const JsonNode& n, bool open_ended) const {
  const sim::Time start = time_in_run(n.at("start"));
  const auto end = n.find("end");
  const auto length = n.find("duration");
  if (end && length) length->fail("give 'end' or 'duration', not both");
  if (end) {
    const sim::Time e = time_in_run(*end);
    if (e <= start)
      end->fail("end " + config.calendar.iso(e) + " is not after start " + config.calendar.iso(start));
    return {start, e};
  }
  if (length) {
    const sim::Time d = length->positive_duration();
    return {start, d > sim::kNever - start ? sim::kNever : start + d};
  }
  if (!open_ended) n.fail("missing required key 'end' or 'duration'");
  return {start, sim::kNever};
}

std::uint16_t LoadContext::failure_code(const JsonNode& n) {
  return static_cast<std::uint16_t>(n.unsigned_in(400, 599));
}

std::uint16_t LoadContext::bounce_code(const JsonNode& n) {
  return static_cast<std::uint16_t>(n.unsigned_in(500, 599));
}

double LoadContext::score_on(const JsonNode& n, const models::ScoreScale& scale,
                             std::string_view what) const {
  if (n.is_string()) {
    const std::string band = n.string();
    if (const auto floor = scale.band_floor(band)) return *floor;
    std::string list;
    for (const std::string& b : scale.bands) list += (list.empty() ? "" : ", ") + b;
    n.fail("unknown band '" + band + "' (bands: " + list + ")");
  }
  if (!n.is_number()) n.fail("expected a number or a band name, got " + n.type_name());
  const double v = n.number();
  if (v < scale.min || v > scale.max)
    n.fail(std::string(what) + " " + format_number(v) + " is outside the score scale [" +
           format_number(scale.min) + ", " + format_number(scale.max) + "]");
  return v;
}

}  // namespace repsim::io::detail
