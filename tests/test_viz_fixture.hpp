#pragma once
// A small scenario for the visualizer's tests: two days, one shared pool that a spam burst drops to
// Neutral, a Good-only gateway, a gateway without a score service, a population, and a note.
#include <string>

namespace repsim::viz::testing {

inline std::string small_scenario() {
  return R"({
  "name": "viz_small",
  "start": "2012-05-08T00:00:00-04:00",
  "duration": "2d",
  "seed": 7,
  "sample_every": "1h",
  "scorers": [{"id": "sb", "type": "senderbase"}],
  "providers": [
    {"id": "o365", "pools": [{"id": "shared", "size": 4, "initial_score": 5}]},
    {"id": "alt", "pools": [{"id": "alt_pool", "size": 2, "initial_score": 4}]}
  ],
  "tenants": [
    {"id": "customer", "provider": "o365", "messages_per_day": 200,
     "recipients": [{"gateway": "va"}, {"gateway": "mx"}], "fallback_providers": ["alt"]},
    {"id": "pop", "count": 3, "provider": "o365", "messages_per_day": 100, "recipients": [{"gateway": "mx"}]},
    {"id": "spammer", "provider": "o365",
     "episodes": [{"start": "+6h", "duration": "3h", "messages_per_hour": 2000, "recipients": [{"gateway": "mx"}]}]}
  ],
  "gateways": [
    {"id": "va", "reputation": "sb", "policy": "good_only", "reports_to": ["sb"]},
    {"id": "mx", "content_filter": {"spam_detection": 0.9}, "reports_to": ["sb"]}
  ],
  "timeline": [
    {"at": "+5h", "actor": "teacher", "action": "note", "text": "watch the pool"}
  ]
})";
}

}  // namespace repsim::viz::testing
