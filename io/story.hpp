#pragma once
// The short text report printed after a run: what happened, in the order it happened, in the
// scenario's local time, then the key numbers. A person reads it, so bursts are folded: the records
// of one displayed minute that say the same thing about many IPs or tenants become one line
// ("senderbase: 64 o365-outbound IPs Good -> Neutral", "a, b and 38 more->va: outages begin
// (reputation)"). Scripted actions and operator decisions are quoted with their text. Initial
// bands, notices, NDRs and fault ends stay in events.csv.
#include <cstddef>
#include <string>
#include <vector>

#include "models/ecosystem.hpp"

namespace repsim::io {

inline constexpr std::size_t kStoryEventLines = 45;   // then "... (N more events in events.csv)"
inline constexpr std::size_t kStoryTenantLines = 10;  // key numbers of at most this many tenants

struct StoryLine {
  sim::Time time = 0;  // of the first record of its displayed minute
  std::string when;    // "Wed 09 May 16:10"
  std::string text;    // what follows the time
  // The line's first record's kind and actor (a folded line's records share their kind).
  models::EventKind kind = models::EventKind::Note;
  models::Actor actor{};
  std::size_t records = 0;  // the records it stands for
};

// Every folded event line, uncapped, in time order.
std::vector<StoryLine> story_lines(const models::Ecosystem& eco);
// The same as text: "Wed 09 May 16:10  <text>".
std::vector<std::string> story_event_lines(const models::Ecosystem& eco);

// Title, at most kStoryEventLines event lines, the key numbers; about 60 lines at most. Every line
// ends in "\n".
std::string story(const models::Ecosystem& eco);

}  // namespace repsim::io
