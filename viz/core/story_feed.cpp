#include "viz/core/story_feed.hpp"

#include "io/story.hpp"

namespace repsim::viz {

std::vector<StoryItem> timed_story(const models::Ecosystem& eco) {
  std::vector<StoryItem> out;
  for (io::StoryLine& line : io::story_lines(eco))
    out.push_back(StoryItem{line.time, std::move(line.when), std::move(line.text),
                            line.kind == models::EventKind::Note,
                            line.actor.kind == models::ActorKind::WhatIf});
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
