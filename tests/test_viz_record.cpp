// --record: the scenario with the session's what-ifs appended to its timeline loads back and
// replays the live session exactly.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>

#include "index_literals.hpp"
#include "io/scenario_loader.hpp"
#include "test_viz_fixture.hpp"
#include "viz/core/controller.hpp"
#include "viz/core/whatif_record.hpp"

using namespace repsim;
using namespace repsim::viz;
using namespace repsim::models::index_literals;
using json = nlohmann::ordered_json;

namespace {

const auto kNoBudget = [] { return false; };

// Runs the live session to `t` through the command queue, as the window would.
void jump(Controller& c, sim::Time t) {
  UiState ui;
  c.commands().push(cmd::JumpTo{t});
  c.frame(0, kNoBudget, ui);
}

void what_if(Controller& c, WhatIfRequest r) {
  UiState ui;
  c.commands().push(cmd::WhatIf{r});
  c.frame(0, kNoBudget, ui);
}

void check_same_run(const models::Ecosystem& a, const models::Ecosystem& b) {
  REQUIRE(a.event_log().size() == b.event_log().size());
  for (std::size_t k = 0; k < a.event_log().size(); ++k) {
    const auto &x = a.event_log()[k], &y = b.event_log()[k];
    INFO("log entry " << k << ": " << models::event_kind_name(x.kind) << " " << x.text);
    CHECK(x.time == y.time);
    CHECK(x.kind == y.kind);
    CHECK(a.actor_name(x.actor) == b.actor_name(y.actor));
    CHECK(x.tenant == y.tenant);
    CHECK(x.gateway == y.gateway);
    CHECK(x.ip == y.ip);
    CHECK(x.from == y.from);
    CHECK(x.to == y.to);
    CHECK(x.text == y.text);
  }
  const auto &sa = a.metrics().samples(), &sb = b.metrics().samples();
  REQUIRE(sa.size() == sb.size());
  std::size_t differ = 0;
  for (std::size_t k = 0; k < sa.size(); ++k) {
    const bool same_value =
        sa[k].value == sb[k].value || (std::isnan(sa[k].value) && std::isnan(sb[k].value));
    differ += !(sa[k].time == sb[k].time && sa[k].gauge == sb[k].gauge && same_value);
  }
  CHECK(differ == 0);
  CHECK(a.ledger().totals().delivered == b.ledger().totals().delivered);
  CHECK(a.ledger().totals().deferred_attempts == b.ledger().totals().deferred_attempts);
}

}  // namespace

TEST_CASE("what-ifs are written as timeline entries of the scenario format", "[viz]") {
  Session s(testing::small_scenario(), "small.json", std::nullopt);
  const models::Ecosystem& eco = s.eco();
  // Indices: gateways va 0, mx 1; tenants customer 0, pop#0..2 1..3, spammer 4; providers o365 0,
  // alt 1; pools shared 0 (IPs 0..3), alt_pool 1 (IPs 4, 5).
  const sim::Time at = sim::hours(10) + 1;
  CHECK(
      timeline_entry({at, "viz", models::SetThreshold{0_gateway, -1}}, eco) ==
      json::parse(
          R"({"at": "+10h1us", "actor": "viz", "action": "set_threshold", "gateway": "va", "threshold": -1.0})"));
  CHECK(
      timeline_entry({at, "viz", models::Allowlist{1_gateway, 2_tenant, models::kNone}}, eco) ==
      json::parse(
          R"({"at": "+10h1us", "actor": "viz", "action": "allowlist", "gateway": "mx", "tenant": "pop#1"})"));
  CHECK(
      timeline_entry({at, "viz", models::Allowlist{0_gateway, models::kNone, 5_ip}}, eco) ==
      json::parse(
          R"({"at": "+10h1us", "actor": "viz", "action": "allowlist", "gateway": "va", "ip": "alt_pool#1"})"));
  CHECK(
      timeline_entry({sim::days(1), "viz", models::Reroute{0_tenant, 0_gateway, 1_provider}}, eco) ==
      json::parse(
          R"({"at": "+1d", "actor": "viz", "action": "reroute", "tenant": "customer", "gateway": "va", "to": "alt"})"));
  CHECK(timeline_entry({sim::days(1), "viz", models::Reroute{0_tenant, models::kNone, 1_provider}}, eco) ==
        json::parse(
            R"({"at": "+1d", "actor": "viz", "action": "reroute", "tenant": "customer", "to": "alt"})"));
  CHECK(
      timeline_entry({sim::minutes(90), "viz", models::RestoreScore{0_scorer, {0_ip, 1_ip, 2_ip, 3_ip}, 2.5}},
                     eco) ==
      json::parse(
          R"({"at": "+1h30m", "actor": "viz", "action": "restore_score", "scorer": "sb", "ips": ["shared"], "score": 2.5})"));
  CHECK(
      timeline_entry({sim::minutes(90), "viz", models::RestoreScore{0_scorer, {1_ip}, 2.5}}, eco) ==
      json::parse(
          R"({"at": "+1h30m", "actor": "viz", "action": "restore_score", "scorer": "sb", "ips": ["shared#1"], "score": 2.5})"));
  CHECK(timeline_entry({sim::minutes(90), "viz", models::RestoreScore{0_scorer, {}, 0}}, eco) ==
        json::parse(
            R"({"at": "+1h30m", "actor": "viz", "action": "restore_score", "scorer": "sb", "score": 0.0})"));
  CHECK_THROWS_AS(timeline_entry({0, "viz", models::Compromise{}}, eco), std::invalid_argument);
}

TEST_CASE("a recorded session loads back and replays identically", "[viz]") {
  Session s(testing::small_scenario(), "small.json", std::nullopt);
  Controller c(s, {});
  const TopologyView& v = c.view();
  jump(c, sim::hours(10));
  what_if(c, WhatIfRequest{WhatIfKind::SetThreshold, v.find("va"), models::kNone, models::kNone,
                           models::kNone, models::kNone, -1});
  jump(c, sim::hours(12) + sim::minutes(7));
  what_if(c, WhatIfRequest{WhatIfKind::RestoreScore, models::kNone, models::kNone, models::kNone, 0_scorer,
                           v.find("shared"), 3});
  jump(c, sim::hours(20));
  what_if(c, WhatIfRequest{WhatIfKind::Reroute, v.find("va"), v.find("customer"), 1_provider, models::kNone,
                           models::kNone, 0});
  jump(c, sim::hours(30));
  what_if(c, WhatIfRequest{WhatIfKind::Allowlist, v.find("mx"), v.find("pop"), models::kNone, models::kNone,
                           models::kNone, 0});
  // 1 + 1 + 1 + 3 (one allowlist per member of pop).
  REQUIRE(s.whatifs().size() == 6);
  jump(c, s.duration());
  REQUIRE(s.at_end());

  const std::string text =
      recorded_scenario(s.source_text(), "recorded.json", s.seed(), s.whatifs(), s.eco());
  const json doc = json::parse(text);
  CHECK(doc["seed"] == 7);
  REQUIRE(doc["timeline"].size() == 1 + 6);
  CHECK(doc["timeline"][1]["at"] == "+10h1us");
  CHECK(doc["timeline"][6]["tenant"] == "pop#2");
  // The file's own keys keep their order: name first, timeline last.
  CHECK(doc.begin().key() == "name");

  auto loaded = io::load_scenario_text(text, "recorded.json");
  models::Ecosystem replay(std::move(loaded.config));
  replay.run();  // one run_until to the end, as `repsim run` does
  check_same_run(s.eco(), replay);
  // The what-ifs took effect in the replay too.
  CHECK(replay.gateway(0_gateway).threshold() == -1);
  CHECK(replay.route(0_tenant, 0_gateway) == 1_provider);
}

TEST_CASE("the recording is written atomically and records the session's seed", "[viz]") {
  Session s(testing::small_scenario(), "small.json", 42);
  Controller c(s, {});
  jump(c, sim::hours(2));
  what_if(c, WhatIfRequest{WhatIfKind::SetThreshold, c.view().find("va"), models::kNone, models::kNone,
                           models::kNone, models::kNone, 1});
  const auto dir = std::filesystem::temp_directory_path() / "repsim_viz_record_test";
  std::filesystem::create_directories(dir);
  const auto path = (dir / "rec.json").string();
  write_recording(path, s.source_text(), s.seed(), s.whatifs(), s.eco());
  const io::LoadedScenario back = io::load_scenario_file(path);
  CHECK(back.config.seed == 42);
  REQUIRE(back.config.timeline.size() == 2);
  CHECK(back.config.timeline[1].at == sim::hours(2) + 1);
  CHECK(back.config.timeline[1].actor == "viz");
  // Nothing but the file itself is left in the directory (no temporary).
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++files;
  CHECK(files == 1);
  std::filesystem::remove_all(dir);
}

TEST_CASE("the controller records whenever the what-ifs change", "[viz]") {
  const auto dir = std::filesystem::temp_directory_path() / "repsim_viz_record_ctl";
  std::filesystem::create_directories(dir);
  const auto path = (dir / "session.json").string();
  Session s(testing::small_scenario(), "small.json", std::nullopt);
  ControllerOptions o;
  o.record_path = path;
  Controller c(s, o);
  jump(c, sim::hours(4));
  CHECK_FALSE(std::filesystem::exists(path));
  what_if(c, WhatIfRequest{WhatIfKind::Allowlist, c.view().find("va"), c.view().find("customer"),
                           models::kNone, models::kNone, models::kNone, 0});
  CHECK(c.status() == "recorded 1 what-if action(s) to " + path);
  CHECK(io::load_scenario_file(path).config.timeline.size() == 2);
  std::filesystem::remove_all(dir);
}
