#include "io/story.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "io/population_figures.hpp"
#include "io/summary_json.hpp"

namespace repsim::io {
namespace {

using models::Event;
using models::EventKind;

std::string hours_text(double hours) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, hours, std::chars_format::fixed, 1);
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

// Records of one displayed minute that fold into one line share a key; the fields a line's kind
// does not use stay at their defaults.
enum class Kind { Band, Listing, OutageStart, OutageEnd, PopulationOutage, Verbatim };
struct GroupKey {
  Kind kind = Kind::Verbatim;
  models::ScorerIndex scorer = models::kNone;
  models::PoolIndex pool = models::kNone;
  EventKind change = EventKind::Note;  // band change or which listing
  std::uint32_t from = models::kNone;
  std::uint32_t to = models::kNone;
  models::GatewayIndex gateway = models::kNone;
  models::BlockCause cause = models::BlockCause::None;
  std::string_view population{};
  std::size_t record = 0;  // Verbatim: its own index, so it never folds
  auto operator<=>(const GroupKey&) const = default;
};
struct Group {
  Kind kind = Kind::Verbatim;
  std::vector<const Event*> records;
};

class Narrator {
 public:
  explicit Narrator(const models::Ecosystem& eco) : eco_(eco) {}

  std::vector<StoryLine> lines() const {
    std::vector<StoryLine> out;
    const auto& log = eco_.event_log();
    // Members of a population ("customers#17") come and go in and out of outage by the hundred: the
    // story names the first outage of each (population, gateway) and leaves the rest to events.csv.
    std::set<std::pair<std::string_view, models::GatewayIndex>> populations_told;
    std::size_t i = 0;
    while (i < log.size()) {
      const std::string when = eco_.calendar().short_text(log[i].time);
      std::vector<Group> groups;
      std::map<GroupKey, std::size_t> group_of;  // lookups only; groups keep first-appearance order
      std::size_t j = i;
      for (; j < log.size(); ++j) {
        if (log[j].time != log[i].time && eco_.calendar().short_text(log[j].time) != when) break;
        auto key = classify(log[j], j);
        if (!key) continue;
        if (key->kind == Kind::OutageStart || key->kind == Kind::OutageEnd) {
          const std::string& tenant = eco_.tenant_name(log[j].tenant);
          if (tenant.find('#') != std::string::npos) {
            const std::string_view population = population_of(tenant);
            if (key->kind == Kind::OutageEnd || !populations_told.emplace(population, key->gateway).second)
              continue;
            key->kind = Kind::PopulationOutage;
            key->population = population;
          }
        }
        const auto [it, added] = group_of.emplace(*key, groups.size());
        if (added) groups.push_back(Group{key->kind, {}});
        groups[it->second].records.push_back(&log[j]);
      }
      for (const Group& g : groups) {
        const Event& first = *g.records.front();
        out.push_back(StoryLine{log[i].time, when, render(g), first.kind, first.actor, g.records.size()});
      }
      i = j;
    }
    return out;
  }

 private:
  // nullopt: a record the story leaves to events.csv.
  std::optional<GroupKey> classify(const Event& e, std::size_t index) const {
    switch (e.kind) {
      case EventKind::InitialBand:
      case EventKind::DelayNotice:
      case EventKind::Ndr:
        return std::nullopt;
      case EventKind::BandChange:
        return GroupKey{.kind = Kind::Band,
                        .scorer = e.scorer,
                        .pool = pool_of(e),
                        .change = e.kind,
                        .from = e.from,
                        .to = e.to};
      case EventKind::OutageStart:
        return GroupKey{.kind = Kind::OutageStart, .gateway = e.gateway, .cause = e.cause};
      case EventKind::OutageEnd:
        return GroupKey{.kind = Kind::OutageEnd, .gateway = e.gateway};
      default:
        break;
    }
    if (models::is_listing(e.kind))
      return GroupKey{.kind = Kind::Listing, .scorer = e.scorer, .pool = pool_of(e), .change = e.kind};
    return GroupKey{.record = index};
  }

  models::PoolIndex pool_of(const Event& e) const { return eco_.ips()[e.ip].pool; }

  std::string render(const Group& g) const {
    const Event& e = *g.records.front();
    const std::size_t n = g.records.size();
    switch (g.kind) {
      case Kind::Band:
      case Kind::Listing: {
        const std::string& scorer = eco_.scorer(e.scorer).id();
        const std::string& pool = eco_.pools()[pool_of(e)].id;
        std::string change;
        if (g.kind == Kind::Band) {
          const models::ScoreScale& scale = eco_.scorer(e.scorer).scale();
          change.append(models::state_name(e.kind, scale, e.from))
              .append(" -> ")
              .append(models::state_name(e.kind, scale, e.to));
        } else {
          change = models::event_kind_name(e.kind);
        }
        if (n == 1) return scorer + ": " + eco_.ips()[e.ip].address + " (" + pool + ") " + change;
        return scorer + ": " + std::to_string(n) + " " + pool + " IPs " + change;
      }
      case Kind::OutageStart:
        return senders(g) + "->" + eco_.gateway_name(e.gateway) + ": " +
               (n == 1 ? "outage begins (" : "outages begin (") + std::string(models::to_string(e.cause)) +
               ")";
      case Kind::OutageEnd:
        return senders(g) + "->" + eco_.gateway_name(e.gateway) + ": " +
               (n == 1 ? "outage ends" : "outages end") + durations(g);
      case Kind::PopulationOutage:
        return std::string(population_of(eco_.tenant_name(e.tenant))) + " members->" +
               eco_.gateway_name(e.gateway) + ": outages begin (" + std::string(models::to_string(e.cause)) +
               "; every member's in events.csv)";
      case Kind::Verbatim:
        break;
    }
    const std::string_view actor = eco_.actor_name(e.actor);  // empty: nobody acts (a declared fault)
    return (actor.empty() ? "" : std::string(actor) + " ") + std::string(models::event_kind_name(e.kind)) +
           (e.text.empty() ? "" : ": " + e.text);
  }

  std::string senders(const Group& g) const {
    std::vector<std::string_view> names;
    for (const Event* e : g.records) names.push_back(eco_.tenant_name(e->tenant));
    return names_text(names);
  }

  // " after 120.5 h", " after 2.0-5.5 h": the outage ends' hours.
  static std::string durations(const Group& g) {
    double lo = g.records.front()->value, hi = lo;
    for (const Event* e : g.records) {
      lo = std::min(lo, e->value);
      hi = std::max(hi, e->value);
    }
    const std::string low = hours_text(lo), high = hours_text(hi);
    if (low == high) return " after " + high;
    return " after " + low.substr(0, low.size() - 2) + "-" + high;
  }

  const models::Ecosystem& eco_;
};

// "3.5%" of member-hours.
std::string percent_text(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100 * share);
  return buf;
}

// One tenant's, or one population's, key numbers.
std::string key_numbers(const std::string& name, const GroupFigures& f, bool grouped, sim::Time end) {
  const models::DeliveryCounts& c = f.counts;
  grouped = grouped && f.members > 1;  // a population of one reads as the tenant it is
  std::string out = "  " + name + (grouped ? " (" + std::to_string(f.members) + ")" : "") + ": sent " +
                    std::to_string(c.sent) + ", delivered " + std::to_string(c.delivered) + ", bounced " +
                    std::to_string(c.bounced()) + ", queued at end " + std::to_string(c.queued_at_end);
  if (grouped)
    out += ", " + std::to_string(f.members_cut_off) + " members cut off, " +
           percent_text(f.cut_off_share(end)) + " of member-hours";
  else
    out += ", cut off " + hours_text(sim::to_hours(f.cut_off_time));
  // hours_text ends in " h": the pair-hours say what they sum instead.
  const std::string pair_hours = hours_text(sim::to_hours(f.outage_pair_time));
  return out + " (outages: " + pair_hours.substr(0, pair_hours.size() - 2) + " pair-hours)\n";
}

}  // namespace

std::vector<StoryLine> story_lines(const models::Ecosystem& eco) { return Narrator(eco).lines(); }

std::vector<std::string> story_event_lines(const models::Ecosystem& eco) {
  std::vector<std::string> out;
  for (const StoryLine& l : story_lines(eco)) out.push_back(l.when + "  " + l.text);
  return out;
}

std::string story(const models::Ecosystem& eco) {
  const sim::Time end = eco.simulation().now();
  std::string out = eco.config().name + ": " + eco.calendar().short_text(0) + " + " +
                    sim::format_duration(end) + ", " + std::to_string(eco.event_log().size()) +
                    " logged events\n";
  const std::vector<StoryLine> lines = story_lines(eco);
  std::size_t shown_records = 0;
  for (std::size_t k = 0; k < lines.size() && k < kStoryEventLines; ++k) {
    out += lines[k].when + "  " + lines[k].text + "\n";
    shown_records += lines[k].records;
  }
  if (lines.size() > kStoryEventLines)
    out += "... (" + std::to_string(eco.event_log().size() - shown_records) + " more events in events.csv)\n";

  out += "\nKey numbers:\n";
  const Grouping groups = group_tenants(eco, kStoryTenantLines);
  const std::vector<GroupFigures> rows = group_figures(eco, groups, end);
  for (std::size_t k = 0; k < rows.size() && k < kStoryTenantLines; ++k)
    out += key_numbers(groups.names[k], rows[k], groups.grouped, end);
  if (rows.size() > kStoryTenantLines)
    out += "  ... (" + std::to_string(rows.size() - kStoryTenantLines) + " more in summary.json)\n";
  return out;
}

}  // namespace repsim::io
