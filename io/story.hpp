#pragma once
// The short text report printed after a run: what happened, in the order it happened, in the
// scenario's local time, then the key numbers. A person reads it, so bursts are folded: the log
// entries of one displayed minute that say the same thing about many IPs or tenants become one line
// ("senderbase: 64 o365-outbound IPs Good -> Neutral", "a, b and 38 more->va: outages begin
// (reputation)"). Scripted actions and operator decisions are quoted as logged.
#include <cstddef>
#include <string>
#include <vector>

#include "models/ecosystem.hpp"

namespace repsim::io {

inline constexpr std::size_t kStoryEventLines = 45;   // then "... (N more events in events.csv)"
inline constexpr std::size_t kStoryTenantLines = 10;  // key numbers of at most this many tenants

// Every folded event line, "Wed 09 May 16:10  <text>", uncapped.
std::vector<std::string> story_event_lines(const models::Ecosystem& eco);

// Title, at most kStoryEventLines event lines, the key numbers; about 60 lines at most. Every line
// ends in "\n".
std::string story(const models::Ecosystem& eco);

}  // namespace repsim::io
