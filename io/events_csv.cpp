#include "io/events_csv.hpp"

#include "io/timeseries_csv.hpp"

namespace repsim::io {
namespace {

// "<address> (<pool>)" at the start of a detail; rest is what follows the closing parenthesis.
bool split_address_pool(std::string_view detail, std::string_view& address, std::string_view& pool,
                        std::string_view& rest) {
  const auto open = detail.find(" (");
  if (open == std::string_view::npos) return false;
  const auto close = detail.find(')', open + 2);
  if (close == std::string_view::npos) return false;
  address = detail.substr(0, open);
  pool = detail.substr(open + 2, close - open - 2);
  rest = detail.substr(close + 1);
  return !address.empty();
}

}  // namespace

std::string events_csv(const std::vector<models::LogEntry>& log, const sim::Calendar& calendar) {
  std::string out = "time_iso,time_s,actor,action,detail\n";
  for (const models::LogEntry& e : log) {
    out += csv_field(calendar.iso(e.time));
    out += ',';
    out += format_seconds(e.time);
    out += ',';
    out += csv_field(e.actor);
    out += ',';
    out += csv_field(e.action);
    out += ',';
    out += csv_field(e.detail);
    out += '\n';
  }
  return out;
}

std::optional<BandChangeEntry> parse_band_change(const models::LogEntry& e) {
  if (e.action != "band_change") return std::nullopt;
  BandChangeEntry b;
  std::string_view rest;
  if (!split_address_pool(e.detail, b.address, b.pool, rest)) return std::nullopt;
  if (rest.empty() || rest.front() != ' ') return std::nullopt;
  rest.remove_prefix(1);
  const auto arrow = rest.find(" -> ");
  if (arrow == std::string_view::npos) return std::nullopt;
  b.from = rest.substr(0, arrow);
  b.to = rest.substr(arrow + 4);
  return b;
}

std::optional<ListingEntry> parse_listing(const models::LogEntry& e) {
  const bool listed = e.action == "listed";
  if (!listed && e.action.rfind("delisted", 0) != 0) return std::nullopt;
  ListingEntry l;
  l.listed = listed;
  std::string_view rest;
  if (!split_address_pool(e.detail, l.address, l.pool, rest) || !rest.empty()) return std::nullopt;
  return l;
}

}  // namespace repsim::io
