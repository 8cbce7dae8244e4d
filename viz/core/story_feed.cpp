#include "viz/core/story_feed.hpp"

#include "io/story.hpp"
#include "viz/core/session.hpp"

namespace repsim::viz {

std::vector<StoryItem> timed_story(const models::Ecosystem& eco) {
  std::vector<StoryItem> out;
  const auto& log = eco.event_log();
  const auto& cal = eco.calendar();
  std::size_t j = 0;
  for (const std::string& line : io::story_event_lines(eco)) {
    const auto gap = line.find("  ");
    if (gap == std::string::npos) continue;
    StoryItem item;
    item.when = line.substr(0, gap);
    item.text = line.substr(gap + 2);
    while (j < log.size() && cal.short_text(log[j].time) != item.when) ++j;
    item.t = j < log.size() ? log[j].time : eco.simulation().now();
    // The story quotes notes as "<actor> note: <text>".
    item.note = item.text.find(" note: ") != std::string::npos;
    item.whatif = item.text.rfind(std::string(kWhatIfActor) + " ", 0) == 0;
    out.push_back(std::move(item));
  }
  return out;
}

bool StoryFeed::refresh(const models::Ecosystem& eco, std::uint64_t generation) {
  const std::size_t size = eco.event_log().size();
  if (generation == generation_ && size == log_size_) return false;
  generation_ = generation;
  log_size_ = size;
  items_ = timed_story(eco);
  return true;
}

}  // namespace repsim::viz
