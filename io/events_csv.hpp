#pragma once
// events.csv: the ecosystem's event log, one row per entry. Also readers of the structured entries
// the ecosystem writes (band changes and listings), shared by the summary and the story so both
// read the log the same way.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/ecosystem.hpp"
#include "sim/calendar.hpp"

namespace repsim::io {

// Header "time_iso,time_s,actor,action,detail"; one row per entry in log order, fields quoted as
// RFC 4180 needs (details hold SMTP texts with commas and quotes). Lines end in "\n".
std::string events_csv(const std::vector<models::LogEntry>& log, const sim::Calendar& calendar);

// A scorer's "band_change" entry: actor = scorer id, detail "<address> (<pool>) <from> -> <to>",
// from = "unscored" when the IP had no published score before. Views into the entry.
struct BandChangeEntry {
  std::string_view address;
  std::string_view pool;
  std::string_view from;
  std::string_view to;
};
std::optional<BandChangeEntry> parse_band_change(const models::LogEntry& e);

// A blocklist's "listed" / "delisted_*" entry: actor = scorer id, detail "<address> (<pool>)".
struct ListingEntry {
  std::string_view address;
  std::string_view pool;
  bool listed = false;
};
std::optional<ListingEntry> parse_listing(const models::LogEntry& e);

}  // namespace repsim::io
