#include "io/story.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>
#include <utility>

#include "io/events_csv.hpp"
#include "io/summary_json.hpp"

namespace repsim::io {
namespace {

using models::LogEntry;

struct StoryLine {
  std::string text;
  std::size_t entries = 0;  // log entries the line stands for
};

std::string hours_text(sim::Time t) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, sim::to_hours(t), std::chars_format::fixed, 1);
  return std::string(buf, r.ptr) + " h";
}

// "a", "a, b", "a, b, c", "a, b and 38 more".
std::string names_text(const std::vector<std::string_view>& names) {
  std::string out;
  const std::size_t shown = names.size() <= 3 ? names.size() : 2;
  for (std::size_t k = 0; k < shown; ++k) out += (k ? ", " : "") + std::string(names[k]);
  if (shown < names.size()) out += " and " + std::to_string(names.size() - shown) + " more";
  return out;
}

// Entries of one displayed minute that fold into one line share a key.
enum class Kind { Band, Listing, OutageStart, OutageEnd, PopulationOutage, Verbatim };
struct Group {
  Kind kind = Kind::Verbatim;
  std::vector<const LogEntry*> entries;
};

// "tenant->gateway" as the ecosystem names outage actors; gateway ids hold no "->".
std::pair<std::string_view, std::string_view> split_pair(std::string_view actor) {
  const auto arrow = actor.rfind("->");
  if (arrow == std::string_view::npos) return {actor, ""};
  return {actor.substr(0, arrow), actor.substr(arrow + 2)};
}

std::pair<Kind, std::string> classify(const LogEntry& e, std::size_t index) {
  if (const auto b = parse_band_change(e))
    return {Kind::Band,
            e.actor + '\n' + std::string(b->pool) + '\n' + std::string(b->from) + '\n' + std::string(b->to)};
  if (const auto l = parse_listing(e))
    return {Kind::Listing, e.actor + '\n' + std::string(l->pool) + '\n' + e.action};
  if (e.action == "outage_start" || e.action == "outage_end") {
    const auto [tenant, gateway] = split_pair(e.actor);
    if (!gateway.empty()) {
      if (e.action == "outage_end") return {Kind::OutageEnd, std::string(gateway)};
      return {Kind::OutageStart, std::string(gateway) + '\n' + e.detail};
    }
  }
  std::string unique = "#";  // never folds: one line per entry
  unique += std::to_string(index);
  return {Kind::Verbatim, unique};
}

class Narrator {
 public:
  explicit Narrator(const models::Ecosystem& eco) : eco_(eco) {
    for (const models::OutageInterval& o : eco.ledger().outages())
      if (o.end != sim::kNever)
        started_.emplace(
            std::make_pair(eco.tenant_name(o.tenant) + "->" + eco.gateway_name(o.gateway), o.end), o.start);
  }

  std::vector<StoryLine> lines() const {
    std::vector<StoryLine> out;
    const auto& log = eco_.event_log();
    // Members of a population ("customers#17") come and go in and out of outage by the hundred: the
    // story names the first outage of each (population, gateway) and leaves the rest to events.csv.
    std::set<std::string> populations_told;
    std::size_t i = 0;
    while (i < log.size()) {
      const std::string when = eco_.calendar().short_text(log[i].time);
      std::vector<Group> groups;
      std::map<std::string, std::size_t> group_of;  // lookups only; groups keep first-appearance order
      std::size_t j = i;
      for (; j < log.size(); ++j) {
        if (log[j].time != log[i].time && eco_.calendar().short_text(log[j].time) != when) break;
        auto [kind, key] = classify(log[j], j);
        if (kind == Kind::OutageStart || kind == Kind::OutageEnd) {
          const auto [tenant, gateway] = split_pair(log[j].actor);
          const auto hash = tenant.find('#');
          if (hash != std::string_view::npos) {
            if (kind == Kind::OutageEnd ||
                !populations_told.insert(std::string(tenant.substr(0, hash)) + "->" + std::string(gateway))
                     .second)
              continue;
            std::string grouped = "population\n";
            grouped.append(tenant.substr(0, hash)).append("\n").append(key);
            key = std::move(grouped);
            kind = Kind::PopulationOutage;
          }
        }
        const auto [it, added] = group_of.emplace(std::move(key), groups.size());
        if (added) groups.push_back(Group{kind, {}});
        groups[it->second].entries.push_back(&log[j]);
      }
      for (const Group& g : groups) out.push_back(StoryLine{when + "  " + render(g), g.entries.size()});
      i = j;
    }
    return out;
  }

 private:
  std::string render(const Group& g) const {
    const LogEntry& e = *g.entries.front();
    const std::size_t n = g.entries.size();
    switch (g.kind) {
      case Kind::Band: {
        const auto b = *parse_band_change(e);
        const std::string change = std::string(b.from) + " -> " + std::string(b.to);
        if (n == 1)
          return e.actor + ": " + std::string(b.address) + " (" + std::string(b.pool) + ") " + change;
        return e.actor + ": " + std::to_string(n) + " " + std::string(b.pool) + " IPs " + change;
      }
      case Kind::Listing: {
        const auto l = *parse_listing(e);
        if (n == 1)
          return e.actor + ": " + std::string(l.address) + " (" + std::string(l.pool) + ") " + e.action;
        return e.actor + ": " + std::to_string(n) + " " + std::string(l.pool) + " IPs " + e.action;
      }
      case Kind::OutageStart:
        return senders(g) + "->" + std::string(split_pair(e.actor).second) + ": " +
               (n == 1 ? "outage begins (" : "outages begin (") + e.detail + ")";
      case Kind::OutageEnd:
        return senders(g) + "->" + std::string(split_pair(e.actor).second) + ": " +
               (n == 1 ? "outage ends" : "outages end") + durations(g);
      case Kind::PopulationOutage: {
        const auto [tenant, gateway] = split_pair(e.actor);
        return std::string(tenant.substr(0, tenant.find('#'))) + " members->" + std::string(gateway) +
               ": outages begin (" + e.detail + "; every member's in events.csv)";
      }
      case Kind::Verbatim:
        break;
    }
    return e.actor + " " + e.action + (e.detail.empty() ? "" : ": " + e.detail);
  }

  static std::string senders(const Group& g) {
    std::vector<std::string_view> names;
    for (const LogEntry* e : g.entries) names.push_back(split_pair(e->actor).first);
    return names_text(names);
  }

  // " after 120.5 h", " after 2.0-5.5 h"; empty when the ledger does not know the outage.
  std::string durations(const Group& g) const {
    sim::Time lo = sim::kNever, hi = -1;
    for (const LogEntry* e : g.entries) {
      const auto it = started_.find({e->actor, e->time});
      if (it == started_.end()) continue;
      lo = std::min(lo, e->time - it->second);
      hi = std::max(hi, e->time - it->second);
    }
    if (hi < 0) return "";
    const std::string low = hours_text(lo), high = hours_text(hi);
    if (low == high) return " after " + high;
    return " after " + low.substr(0, low.size() - 2) + "-" + high;
  }

  const models::Ecosystem& eco_;
  std::map<std::pair<std::string, sim::Time>, sim::Time> started_;  // (actor, end) -> start
};

struct TenantNumbers {
  std::string name;
  std::uint64_t sent = 0, delivered = 0, bounced = 0, queued = 0;
  sim::Time outage = 0;
};

// Per tenant, or per population when there are too many tenants to list.
std::vector<TenantNumbers> tenant_numbers(const models::Ecosystem& eco) {
  const sim::Time end = eco.simulation().now();
  const Grouping groups = group_tenants(eco, kStoryTenantLines);
  std::vector<TenantNumbers> out(groups.names.size());
  for (std::size_t k = 0; k < out.size(); ++k) out[k].name = groups.names[k];
  for (models::TenantIndex t = 0; t < eco.tenant_count(); ++t) {
    TenantNumbers& row = out[groups.group_of[t]];
    const models::DeliveryCounts& c = eco.ledger().tenant(t);
    row.sent += c.sent;
    row.delivered += c.delivered;
    row.bounced += c.bounced();
    row.queued += c.queued_at_end;
  }
  for (const models::OutageInterval& o : eco.ledger().outages())
    out[groups.group_of[o.tenant]].outage += o.duration(end);
  return out;
}

}  // namespace

std::vector<std::string> story_event_lines(const models::Ecosystem& eco) {
  std::vector<std::string> out;
  for (StoryLine& l : Narrator(eco).lines()) out.push_back(std::move(l.text));
  return out;
}

std::string story(const models::Ecosystem& eco) {
  const sim::Time end = eco.simulation().now();
  std::string out = eco.config().name + ": " + eco.calendar().short_text(0) + " + " +
                    sim::format_duration(end) + ", " + std::to_string(eco.event_log().size()) +
                    " logged events\n";
  const std::vector<StoryLine> lines = Narrator(eco).lines();
  std::size_t shown_entries = 0;
  for (std::size_t k = 0; k < lines.size() && k < kStoryEventLines; ++k) {
    out += lines[k].text + "\n";
    shown_entries += lines[k].entries;
  }
  if (lines.size() > kStoryEventLines)
    out += "... (" + std::to_string(eco.event_log().size() - shown_entries) + " more events in events.csv)\n";

  out += "\nKey numbers:\n";
  const std::vector<TenantNumbers> rows = tenant_numbers(eco);
  for (std::size_t k = 0; k < rows.size() && k < kStoryTenantLines; ++k) {
    const TenantNumbers& r = rows[k];
    out += "  " + r.name + ": sent " + std::to_string(r.sent) + ", delivered " + std::to_string(r.delivered) +
           ", bounced " + std::to_string(r.bounced) + ", queued at end " + std::to_string(r.queued) +
           ", outage " + hours_text(r.outage) + "\n";
  }
  if (rows.size() > kStoryTenantLines)
    out += "  ... (" + std::to_string(rows.size() - kStoryTenantLines) + " more in summary.json)\n";
  return out;
}

}  // namespace repsim::io
