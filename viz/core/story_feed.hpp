#pragma once
// The story panel's lines: io::story_lines (the same folded story `repsim run` prints: band
// changes of many IPs in one line, a population's outages once), each with the simulated time it
// starts at so a click can move the charts' cursor there.
#include <cstdint>
#include <string>
#include <vector>

#include "models/ecosystem.hpp"

namespace repsim::viz {

struct StoryItem {
  sim::Time t;
  std::string when;     // "Wed 09 May 16:30"
  std::string text;     // the line after the time
  bool note = false;    // a note (scripted or an operator's answer): teaching mode stops there
  bool whatif = false;  // a what-if added in the visualizer
};

// Each line at the first record of its displayed minute. Lines are in time order, oldest first.
std::vector<StoryItem> timed_story(const models::Ecosystem& eco);

// The timed story of the current run, rebuilt only when the log grew or the run was rebuilt (the
// controller decides how often it asks).
class StoryFeed {
 public:
  // True when it rebuilt.
  bool refresh(const models::Ecosystem& eco, std::uint64_t generation);
  const std::vector<StoryItem>& items() const { return items_; }

 private:
  std::vector<StoryItem> items_;
  std::size_t log_size_ = 0;
  std::uint64_t generation_ = 0;
};

}  // namespace repsim::viz
