// "timeline": scripted actions at absolute times or offsets from the start, in file order.
#include "io/load_parts.hpp"
#include "io/scenario_keys.hpp"

namespace repsim::io::detail {

void load_timeline(LoadContext& ctx, const JsonNode& array) {
  for (const JsonNode& n : array.items()) {
    if (!n.is_object()) n.fail("expected an object, got " + n.type_name());
    n.expect_keys(keys::timeline_entry());  // load_action checks the keys, once it knows the action
    const sim::Time at = ctx.time_in_run(n.at("at"));
    std::string actor = "timeline";
    if (auto v = n.find("actor")) actor = v->nonempty_string();
    // An entry that names a population acts once per member (per combination of members when it
    // names several), each at the same time, in member order.
    auto expanded = expand_populations<models::TimedAction>(n, [&](Binding& b) {
      return models::TimedAction{at, actor, load_action(ctx, n, ActionSite::Timeline, b)};
    });
    for (models::TimedAction& a : expanded) ctx.config.timeline.push_back(std::move(a));
  }
}

}  // namespace repsim::io::detail
