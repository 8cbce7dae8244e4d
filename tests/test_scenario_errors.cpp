// Every way a scenario can be wrong gives one line "FILE: /pointer: what is wrong" (never a crash).
#include <catch2/catch.hpp>

#include "scenario_fixture.hpp"

using nlohmann::json;
using repsim::io::testing::base_scenario;
using repsim::io::testing::error_of;
using repsim::io::testing::error_of_text;

TEST_CASE("the base scenario of these tests is valid", "[scenario]") {
  CHECK(error_of(base_scenario()) == "<loaded>");
}

TEST_CASE("file and syntax errors reach the caller as LoadError", "[scenario]") {
  const std::string missing = std::string(REPSIM_SOURCE_DIR) + "/tests/data/missing.json";
  try {
    repsim::io::load_scenario_file(missing);
    FAIL("loaded a missing file");
  } catch (const repsim::io::LoadError& e) {
    CHECK(std::string(e.what()) == missing + ": /: cannot read file: no such file");
  }
  CHECK(error_of_text("") == "t.json: /: empty file (expected a JSON document)");
  CHECK(error_of_text(R"({"name": "x", "duration": 1e999})") ==
        "t.json: /duration: number '1e999' at line 1, column 27 is out of range (not a finite double)");
  CHECK(error_of_text(std::string(100000, '[')).find("nesting deeper than 64 levels") != std::string::npos);
  CHECK(error_of_text("[]") == "t.json: /: expected an object, got array");
}

TEST_CASE("unknown keys at every level, with the nearest known key", "[scenario]") {
  json doc = base_scenario();
  doc["sede"] = 1;
  CHECK(error_of(doc) == "t.json: /sede: unknown key 'sede' (did you mean 'seed'?)");
  doc = base_scenario();
  doc["gateways"][0]["thershold"] = 1;
  CHECK(error_of(doc) ==
        "t.json: /gateways/0/thershold: unknown key 'thershold' (did you mean 'threshold'?)");
  doc = base_scenario();
  doc["scorers"][0]["weights"] = {{"spam_ration", 1}};
  CHECK(error_of(doc) ==
        "t.json: /scorers/0/weights/spam_ration: unknown key 'spam_ration' (did you mean 'spam_ratio'?)");
  doc = base_scenario();
  doc["providers"][0]["pools"][0]["sise"] = 2;
  CHECK(error_of(doc) == "t.json: /providers/0/pools/0/sise: unknown key 'sise' (did you mean 'size'?)");
  doc = base_scenario();
  doc["timeline"] = json::parse(R"([{"at": "1h", "action": "note", "txt": "x"}])");
  CHECK(error_of(doc) == "t.json: /timeline/0/txt: unknown key 'txt' (did you mean 'text'?)");
  doc = base_scenario();
  doc["tenants"][0]["zzzz"] = true;
  CHECK(error_of(doc) ==
        "t.json: /tenants/0/zzzz: unknown key 'zzzz' (known keys: id, provider, pool, messages_per_day, "
        "profile, recipients, spam_share, attachment_share, dmarc, always_signs, fallback_providers, "
        "episodes)");
  // A key of another variant says where it belongs.
  doc = base_scenario();
  doc["tenants"][0]["profile"] = json::parse(R"({"kind": "flat", "hours": "always"})");
  CHECK(error_of(doc) == "t.json: /tenants/0/profile/hours: 'hours' applies only to business_hours profiles");
  doc = base_scenario();
  doc["scorers"][0]["listing_ttl"] = "1d";
  CHECK(error_of(doc) == "t.json: /scorers/0/listing_ttl: 'listing_ttl' applies only to blocklist scorers");
  doc = base_scenario();
  doc["tenants"][0]["volume_cv"] = 0.5;
  CHECK(error_of(doc) ==
        "t.json: /tenants/0/volume_cv: 'volume_cv' applies only to populations (entries with 'count')");
}

TEST_CASE("wrong types and values out of range", "[scenario]") {
  json doc = base_scenario();
  doc["seed"] = "42";
  CHECK(error_of(doc) == "t.json: /seed: expected a whole number, got string");
  doc = base_scenario();
  doc["tenants"][0]["messages_per_day"] = "100";
  CHECK(error_of(doc) == "t.json: /tenants/0/messages_per_day: expected a number, got string");
  doc = base_scenario();
  doc["tenants"][0]["spam_share"] = 1.5;
  CHECK(error_of(doc) == "t.json: /tenants/0/spam_share: 1.5 is out of range [0, 1]");
  doc = base_scenario();
  doc["providers"][0]["pools"][0]["size"] = 0;
  CHECK(error_of(doc) == "t.json: /providers/0/pools/0/size: 0 is out of range [1, 16777216]");
  doc = base_scenario();
  doc["providers"][0]["dead_after"] = 0;
  CHECK(error_of(doc) == "t.json: /providers/0/dead_after: 0 is out of range [1, 1048576]");
  doc = base_scenario();
  doc["providers"][0]["pools"][0]["kind"] = "private";
  CHECK(error_of(doc) ==
        "t.json: /providers/0/pools/0/kind: unknown pool kind 'private' (expected one of: shared, dedicated, "
        "high_risk)");
  doc = base_scenario();
  doc["gateways"][0]["outages"] = json::parse(R"([{"start": "1h", "duration": "1h", "code": 250}])");
  CHECK(error_of(doc) == "t.json: /gateways/0/outages/0/code: 250 is out of range [400, 599]");
  // A provider fault bounces the message: a 4xx (which would mean "try again") is refused, in the
  // declared windows and in the action alike.
  doc = base_scenario();
  doc["providers"][0]["faults"] = json::parse(R"([{"start": "1h", "duration": "1h", "code": 421}])");
  CHECK(error_of(doc) == "t.json: /providers/0/faults/0/code: 421 is out of range [500, 599]");
  doc = base_scenario();
  doc["timeline"] =
      json::parse(R"([{"at": "1h", "action": "provider_fault", "provider": "o365", "duration": "1h",
                                     "code": 451}])");
  CHECK(error_of(doc) == "t.json: /timeline/0/code: 451 is out of range [500, 599]");
  doc = base_scenario();
  doc["scorers"] = "sb";
  CHECK(error_of(doc) == "t.json: /scorers: expected an array, got string");
  doc = base_scenario();
  doc["providers"][0]["pools"][0]["initial_score"] = 9;
  CHECK(error_of(doc) ==
        "t.json: /providers/0/pools/0/initial_score: initial_score 9 is outside the score scale [-7, 7]");
  doc = base_scenario();
  doc["providers"][0]["pools"][0]["initial_volume"] = 10;
  CHECK(error_of(doc) ==
        "t.json: /providers/0/pools/0/initial_volume: initial_volume applies only with initial_score");
  // A model's own check, reported where the object is.
  doc = base_scenario();
  doc["scorers"][0]["scale"] = json::parse(R"({"cuts": [1, -1]})");
  CHECK(error_of(doc) ==
        "t.json: /scorers/0/scale: score scale: cuts must be strictly increasing (1.000000 then -1.000000)");
}

TEST_CASE("unknown and duplicate ids", "[scenario]") {
  json doc = base_scenario();
  doc["tenants"][0]["recipients"][0]["gateway"] = "vaa";
  CHECK(error_of(doc) ==
        "t.json: /tenants/0/recipients/0/gateway: unknown gateway 'vaa' (known: va, mx, prime)");
  doc = base_scenario();
  for (int i = 0; i < 4; ++i) doc["gateways"].push_back({{"id", "g" + std::to_string(i)}});
  doc["gateways"][0]["reputation"] = "sbb";
  CHECK(error_of(doc) == "t.json: /gateways/0/reputation: unknown scorer 'sbb' (known: sb, dnsbl)");
  doc["gateways"][0]["reputation"] = "sb";
  doc["tenants"][0]["recipients"][0]["gateway"] = "vaa";
  // Nearest first (edit distance from "vaa": va 1; mx, g0 .. g3 3; prime 5), at most five.
  CHECK(error_of(doc) ==
        "t.json: /tenants/0/recipients/0/gateway: unknown gateway 'vaa' (known: va, mx, g0, g1, g2, ...)");
  doc = base_scenario();
  doc["operators"] = json::array();
  doc["timeline"] = json::parse(R"([{"at": "1h", "action": "file_ticket", "to": "vendor"}])");
  CHECK(error_of(doc) == "t.json: /timeline/0/to: unknown operator 'vendor' (no operators are defined)");
  doc = base_scenario();
  doc["tenants"].push_back({{"id", "customer"}, {"provider", "o365"}});
  CHECK(error_of(doc) == "t.json: /tenants/1/id: duplicate tenant id 'customer' (first at /tenants/0/id)");
  doc = base_scenario();
  doc["providers"][1]["pools"][0]["id"] = "shared";
  CHECK(error_of(doc) ==
        "t.json: /providers/1/pools/0/id: duplicate pool id 'shared' (first at /providers/0/pools/0/id)");
  doc = base_scenario();
  doc["gateways"][2]["id"] = "m#x";
  CHECK(error_of(doc) ==
        "t.json: /gateways/2/id: '#' is not allowed in an id (it names population members, e.g. 'x#0')");
  doc = base_scenario();
  doc["tenants"][0]["pool"] = "other_pool";
  CHECK(error_of(doc) ==
        "t.json: /tenants/0/pool: pool 'other_pool' belongs to provider 'other', not 'o365'");
  doc = base_scenario();
  doc["gateways"][0]["blocklist"] = "sb";
  CHECK(error_of(doc) ==
        "t.json: /gateways/0/blocklist: scorer 'sb' is a senderbase scorer; 'blocklist' needs a blocklist "
        "scorer");
}

TEST_CASE("population members and populations where one entity is needed", "[scenario]") {
  json doc = base_scenario();
  doc["tenants"].push_back(json::parse(R"({"id": "offices", "count": 3, "provider": "o365"})"));
  doc["tenants"][0]["episodes"] =
      json::parse(R"([{"duration": "1h", "messages_per_hour": 10, "spoof_as": "offices"}])");
  CHECK(error_of(doc) ==
        "t.json: /tenants/0/episodes/0/spoof_as: 'offices' is a population of 3 tenants: name one "
        "member ('offices#0' .. 'offices#2')");
  doc["tenants"][0]["episodes"][0]["spoof_as"] = "offices#3";
  CHECK(error_of(doc) ==
        "t.json: /tenants/0/episodes/0/spoof_as: tenant population 'offices' has 3 members "
        "('offices#0' .. 'offices#2')");
  doc["tenants"][0]["episodes"][0]["spoof_as"] = "offices#2";
  CHECK(error_of(doc) == "<loaded>");
  doc["tenants"][1]["compromise_probability"] = 0.5;
  CHECK(error_of(doc) ==
        "t.json: /tenants/1: compromise_probability > 0 needs exactly one template episode in 'episodes', "
        "got 0");
  doc["tenants"][1]["episodes"] =
      json::parse(R"([{"start": "1h", "duration": "1h", "messages_per_hour": 10}])");
  CHECK(error_of(doc) ==
        "t.json: /tenants/1/episodes/0/start: 'start' is drawn for each member of a population, "
        "between episode_window_start and episode_window_end");
}

TEST_CASE("thresholds and scores must lie on the scale", "[scenario]") {
  json doc = base_scenario();
  doc["gateways"][0]["threshold"] = 9;
  CHECK(error_of(doc) == "t.json: /gateways/0/threshold: threshold 9 is outside the score scale [-7, 7]");
  doc["gateways"][0]["threshold"] = "Neutrall";
  CHECK(error_of(doc) ==
        "t.json: /gateways/0/threshold: unknown band 'Neutrall' (bands: Poor, Neutral, Good)");
  doc = base_scenario();
  doc["gateways"][2]["threshold"] = 0;
  CHECK(error_of(doc) ==
        "t.json: /gateways/2/threshold: a threshold reads reputation scores: give the gateway a 'reputation' "
        "scorer");
  doc = base_scenario();
  doc["gateways"][2]["policy"] = "good_only";
  CHECK(error_of(doc) ==
        "t.json: /gateways/2/policy: policy 'good_only' reads reputation scores: give the gateway a "
        "'reputation' scorer");
  doc = base_scenario();
  doc["timeline"] =
      json::parse(R"([{"at": "1h", "action": "set_threshold", "gateway": "prime", "threshold": -7.5}])");
  CHECK(error_of(doc) == "t.json: /timeline/0/threshold: threshold -7.5 is outside the score scale [-7, 7]");
  doc["timeline"] = json::parse(R"([{"at": "1h", "action": "restore_score", "scorer": "sb", "score": 8}])");
  CHECK(error_of(doc) == "t.json: /timeline/0/score: score 8 is outside the score scale [-7, 7]");
  doc = base_scenario();
  doc["scorers"][0]["clean_score"] = 7.5;
  CHECK(error_of(doc) ==
        "t.json: /scorers/0/clean_score: clean_score 7.5 is outside the score scale [-7, 7]");
}

TEST_CASE("durations: negative, zero where positive is needed, bad text", "[scenario]") {
  json doc = base_scenario();
  doc["duration"] = "-5h";
  CHECK(error_of(doc) == "t.json: /duration: bad duration: negative duration '-5h'");
  doc["duration"] = -3600;
  CHECK(error_of(doc) == "t.json: /duration: negative duration -3600 s");
  doc["duration"] = 0;
  CHECK(error_of(doc) == "t.json: /duration: duration must be positive, got 0s");
  doc = base_scenario();
  doc["sample_every"] = "5 parsecs";
  CHECK(error_of(doc) == "t.json: /sample_every: bad duration: unexpected whitespace in '5 parsecs'");
  doc["sample_every"] = "5pc";
  CHECK(error_of(doc) == "t.json: /sample_every: bad duration: unknown unit 'pc' in '5pc'");
  doc = base_scenario();
  doc["providers"][0]["retry"] = json::parse(R"({"first_retry": "10m", "max_interval": "5m"})");
  CHECK(error_of(doc) == "t.json: /providers/0/retry/max_interval: max_interval 5m is below first_retry 10m");
}

TEST_CASE("times: bad ISO text, before the start, after the end", "[scenario]") {
  json doc = base_scenario();
  doc["start"] = "2012-13-09T16:30:00-04:00";
  CHECK(error_of(doc) == "t.json: /start: bad start time: bad month 13 in '2012-13-09T16:30:00-04:00'");
  doc = base_scenario();
  doc.erase("start");
  CHECK(error_of(doc) == "t.json: /: missing required key 'start'");
  doc = base_scenario();
  doc["timeline"] =
      json::parse(R"([{"at": "2012-05-09T16:00:00-04:00", "action": "note", "text": "early"}])");
  CHECK(error_of(doc) ==
        "t.json: /timeline/0/at: time 2012-05-09T16:00:00-04:00 is before the scenario start "
        "(2012-05-09T16:30:00-04:00)");
  doc["timeline"][0]["at"] = "8d";
  CHECK(error_of(doc) ==
        "t.json: /timeline/0/at: time 2012-05-17T16:30:00-04:00 is after the scenario end "
        "(2012-05-16T16:30:00-04:00)");
  doc["timeline"][0]["at"] = "-5h";
  CHECK(error_of(doc) ==
        "t.json: /timeline/0/at: time '-5h' is before the scenario start (2012-05-09T16:30:00-04:00)");
  doc["timeline"][0]["at"] = -60;
  CHECK(error_of(doc) ==
        "t.json: /timeline/0/at: time -60 s is before the scenario start (2012-05-09T16:30:00-04:00)");
  doc["timeline"][0]["at"] = "2012-05-32T00:00:00Z";
  CHECK(error_of(doc) ==
        "t.json: /timeline/0/at: bad time: bad day 32 (month has 31 days) in '2012-05-32T00:00:00Z'");
  doc = base_scenario();
  doc["gateways"][0]["outages"] = json::parse(R"([{"start": "2d", "end": "1d"}])");
  CHECK(error_of(doc) ==
        "t.json: /gateways/0/outages/0/end: end 2012-05-10T16:30:00-04:00 is not after start "
        "2012-05-11T16:30:00-04:00");
  doc["gateways"][0]["outages"] = json::parse(R"([{"start": "2d"}])");
  CHECK(error_of(doc) == "t.json: /gateways/0/outages/0: missing required key 'end' or 'duration'");
}

TEST_CASE("actions: unknown names and missing pieces", "[scenario]") {
  json doc = base_scenario();
  doc["timeline"] =
      json::parse(R"([{"at": "1h", "action": "set_treshold", "gateway": "va", "threshold": 0}])");
  CHECK(error_of(doc) ==
        "t.json: /timeline/0/action: unknown action 'set_treshold' (did you mean 'set_threshold'? "
        "expected one of: compromise, set_threshold, allowlist, restore_score, request_delisting, "
        "reroute, gateway_outage, provider_fault, file_ticket, note, set)");
  doc["timeline"] = json::parse(R"([{"at": "1h", "action": "allowlist", "gateway": "va"}])");
  CHECK(error_of(doc) == "t.json: /timeline/0: missing required key 'tenant'");
  doc["timeline"] =
      json::parse(R"([{"at": "1h", "action": "set_threshold", "gateway": "mx", "threshold": 0}])");
  CHECK(error_of(doc) ==
        "t.json: /timeline/0/gateway: gateway 'mx' has no 'reputation' scorer: a threshold needs one");
  doc["timeline"] = json::parse(R"([{"at": "1h", "action": "allowlist", "gateway": "va", "ip": "shared"}])");
  CHECK(error_of(doc) == "t.json: /timeline/0/ip: 'shared' names 4 IPs; name one ('shared#0' or an address)");
  // What the models would only find out mid-run is refused at load time.
  doc = base_scenario();
  doc["tenants"].push_back(json::parse(R"({"id": "quiet", "provider": "o365"})"));
  doc["timeline"] = json::parse(
      R"([{"at": "1h", "action": "compromise", "tenant": "quiet", "duration": "1h", "messages_per_hour": 10}])");
  CHECK(error_of(doc) ==
        "t.json: /timeline/0: tenant 'quiet' has no recipients to lend: give the action 'recipients'");
  doc = base_scenario();
  doc["operators"][0]["playbooks"] = json::parse(
      R"([{"when": {"kind": "ticket_received"}, "action": {"action": "reroute", "to": "other"}},
          {"when": {"kind": "legit_blocked_for"}, "action": {"action": "file_ticket", "to": "admin"}}])");
  CHECK(error_of(doc) ==
        "t.json: /operators/0/playbooks/1/action: operator 'admin' acts on the tenant a ticket is about: "
        "name the ticket's 'tenant'");
  doc = base_scenario();
  doc["timeline"] = json::parse(
      R"([{"at": "1h", "action": "restore_score", "scorer": "sb", "ips": ["10.0.0.1"], "score": 0}])");
  CHECK(error_of(doc) ==
        "t.json: /timeline/0/ips/0: unknown IP '10.0.0.1': name a pool, '<pool>#<k>' or a listed "
        "address (known: shared, other_pool)");
}
