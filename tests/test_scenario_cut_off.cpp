// The cut-off rule (docs/outages.md) on whole scenarios: a partial provider fault makes refusal
// blips and no outage while a total one makes one outage over its window, and a business-hours
// sender rejected all week is cut off once per business day (nights are quiet gaps) but, deferred,
// once for the whole run (its mail waits in the queue through the nights).
//
// Arrivals are a Poisson process (models/traffic_profile.hpp; volume_cv exists only for
// populations), so the counts are bounded from the rates, and the exact checks compare the ledger
// with the attempts the test watched one event at a time and recounted by the rule.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

#include "index_literals.hpp"
#include "io/summary_json.hpp"
#include "models/ecosystem.hpp"
#include "scenario_fixture.hpp"
#include "shipped_scenario.hpp"

using namespace repsim;
using namespace repsim::models;
using namespace repsim::models::index_literals;
using io::testing::load;
using nlohmann::json;
using sim::hours;
using sim::kDay;
using sim::minutes;
using testing::outages_of;

namespace {

// One tenant, one provider, one accepting gateway; 0_tenant sends to 0_gateway only.
// `messages_per_day` 1440 on a flat profile: 60 legit messages an hour.
json partial_fault_world(double share) {
  json doc = json::parse(R"({
    "name": "partial", "start": "2025-03-03T00:00:00Z", "duration": "12h",
    "providers": [{"id": "exo", "pools": [{"id": "out", "size": 2}],
                   "faults": [{"start": "2h", "end": "8h", "attachments_only": false, "code": 554}]}],
    "tenants": [{"id": "org", "provider": "exo", "messages_per_day": 1440,
                 "recipients": [{"gateway": "mx"}]}],
    "gateways": [{"id": "mx"}],
    "timeline": []
  })");
  doc["providers"][0]["faults"][0]["share"] = share;
  return doc;
}

// Monday 3 March 2025, UTC, for a week. Business hours Mon-Fri 09:00-17:00 with nothing outside
// them: messages_per_day 480 is 7 x 480 = 3360 a week over 5 x 8 = 40 h, 84 an hour. The gateway
// refuses all of it with `code` for the whole run.
json business_hours_world(int code) {
  json doc = json::parse(R"({
    "name": "office", "start": "2025-03-03T00:00:00Z", "duration": "7d",
    "providers": [{"id": "exo", "pools": [{"id": "out", "size": 2}]}],
    "tenants": [{"id": "org", "provider": "exo", "messages_per_day": 480,
                 "profile": {"kind": "business_hours", "off_hours_share": 0},
                 "recipients": [{"gateway": "mx"}]}],
    "gateways": [{"id": "mx", "outages": [{"start": "0h", "duration": "7d", "text": "refused"}]}],
    "timeline": []
  })");
  doc["gateways"][0]["outages"][0]["code"] = code;
  return doc;
}

// What the pair's counters did at one event (or one instant): its legit deliveries and refused
// attempts (rejections and deferrals).
struct Step {
  sim::Time at;
  std::uint64_t delivered;
  std::uint64_t refused;
};

std::uint64_t refused(const DeliveryCounts& c) { return c.rejected + c.deferred_attempts; }

// Runs the world to its end one event time at a time, keeping the steps at which 0_tenant's mail
// to 0_gateway was delivered or refused; then finishes.
std::vector<Step> watch(Ecosystem& eco) {
  eco.run_until(0);  // starts traffic
  std::vector<Step> steps;
  DeliveryCounts before = eco.ledger().pair(0_tenant, 0_gateway);
  for (sim::Time t = eco.simulation().next_event_time(); t <= eco.config().duration;
       t = eco.simulation().next_event_time()) {
    eco.run_until(t);
    const DeliveryCounts now = eco.ledger().pair(0_tenant, 0_gateway);
    if (now.delivered != before.delivered || refused(now) != refused(before))
      steps.push_back({t, now.delivered - before.delivered, refused(now) - refused(before)});
    before = now;
  }
  eco.run();
  eco.finish();
  return steps;
}

std::uint64_t sum_refused(const std::vector<Step>& steps) {
  std::uint64_t n = 0;
  for (const Step& s : steps) n += s.refused;
  return n;
}

json summary_of(const Ecosystem& eco) {
  return io::summary_json(eco, io::RunInfo{"t", "", eco.config().seed, {}});
}

// The same sender deferred: a 451 keeps its mail in the queue, and after a deferral no quiet gap
// ends a streak. Nothing is delivered all week, so the streak from Monday's first refused attempt
// (within 10 min of 09:00, as for the rejected sender) is one outage, still open at the run's end
// and counted up to it: 168 h - start, 158.83 .. 159 h. Returns the longest time the pair went
// without an attempt after its first one.
sim::Time check_one_open_outage(const json& doc) {
  Ecosystem eco(load(doc).config);
  const std::vector<Step> steps = watch(eco);
  REQUIRE_FALSE(steps.empty());
  sim::Time longest_gap = 0;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    REQUIRE(steps[i].delivered == 0);
    if (i > 0) longest_gap = std::max(longest_gap, steps[i].at - steps[i - 1].at);
  }
  const sim::Time first_refusal = steps.front().at;
  CHECK(first_refusal >= hours(9));
  CHECK(first_refusal < hours(9) + minutes(10));

  const std::vector<OutageInterval> out = outages_of(eco, 0_tenant, 0_gateway);
  REQUIRE(out.size() == 1);
  CHECK(out[0].start == first_refusal);
  CHECK(out[0].end == sim::kNever);
  CHECK(out[0].cause == BlockCause::GatewayOutage);
  const DeliveryCounts c = eco.ledger().pair(0_tenant, 0_gateway);
  CHECK(c.delivered == 0);
  CHECK(c.rejected == 0);
  CHECK(c.refusal_blips == 0);
  CHECK(c.deferred_messages == c.sent);
  CHECK(c.deferred_attempts == sum_refused(steps));

  const json s = summary_of(eco);
  CHECK(s["outage_count"] == 1);
  CHECK(s["outages"][0]["end"].is_null());
  const double open_hours = sim::to_hours(hours(7 * 24) - first_refusal);
  CHECK(open_hours > 158.8);
  CHECK(open_hours <= 159.0);
  CHECK(s["tenants"]["org"]["outage_pair_hours"].get<double>() == Approx(open_hours));
  CHECK(s["tenants"]["org"]["cut_off_hours"].get<double>() == Approx(open_hours));  // one gateway
  return longest_gap;
}

}  // namespace

// A partial fault: one blip per run of refusals, no outage; a total one: one outage.
TEST_CASE("cut off: partial and total provider faults", "[scenario][cut_off]") {
  SECTION("share 0.3") {
    Ecosystem eco(load(partial_fault_world(0.3)).config);
    const std::vector<Step> steps = watch(eco);

    // Each instant is one attempt, delivered or refused, so the order of refusals and deliveries
    // is known. A fault's 5xx is final: every refused attempt is a new message refused.
    std::uint64_t runs = 0;
    bool in_run = false;
    for (const Step& s : steps) {
      REQUIRE(s.delivered + s.refused == 1);
      if (s.refused == 1) {
        CHECK(s.at >= hours(2));  // the fault's window [2 h, 8 h)
        CHECK(s.at < hours(8));
        in_run = true;
      } else if (in_run) {
        ++runs;  // the delivery ends the streak
        in_run = false;
      }
    }
    CHECK_FALSE(in_run);  // mail is delivered again after 8 h

    // A streak lasts from its first refusal to the next delivery, or to its last refusal after a
    // quiet gap of 2 h with no attempt. To last the hour of min_duration every message of the hour
    // after its first refusal must be faulted: with K ~ Poisson(60) of them, each faulted with
    // probability 0.3, that is E[0.3^K] = e^(-60 x 0.7) = e^-42 per streak; and a 2 h gap without
    // arrivals is e^-120. No outage: every run of refusals, ended by the next delivery, is a blip.
    const DeliveryCounts c = eco.ledger().pair(0_tenant, 0_gateway);
    CHECK(outages_of(eco, 0_tenant, 0_gateway).empty());
    CHECK(eco.ledger().outages().empty());
    CHECK(c.refusal_blips == runs);
    CHECK(eco.ledger().tenant(0_tenant).refusal_blips == runs);
    CHECK(eco.ledger().totals().refusal_blips == runs);
    // Nothing is retried or queued: every message is delivered or rejected once.
    CHECK(c.rejected == sum_refused(steps));
    CHECK(c.delivered + c.rejected == c.sent);
    CHECK(c.deferred_attempts == 0);
    CHECK(c.queued_at_end == 0);
    // Bounds from the rates: 6 h x 60/h = 360 messages in the window, 0.3 of them rejected: 108,
    // sd about sqrt(108) = 10.4; [70, 150] is about 4 sd. A rejected message starts a run when the
    // message before it was delivered (0.7): about 0.7 x 108 = 76 blips, each of at least one
    // refusal; the share of rejections that start a run is 0.7 +- 0.05 (sd), bounded at 3 sd.
    CHECK(c.rejected >= 70);
    CHECK(c.rejected <= 150);
    CHECK(c.refusal_blips <= c.rejected);
    CHECK(static_cast<double>(c.refusal_blips) >= 0.55 * static_cast<double>(c.rejected));
    CHECK(static_cast<double>(c.refusal_blips) <= 0.85 * static_cast<double>(c.rejected));

    const json s = summary_of(eco);
    CHECK(s["tenants"]["org"]["refusal_blips"] == runs);
    CHECK(s["tenants"]["org"]["outage_pair_hours"] == 0.0);
    CHECK(s["outage_count"] == 0);
  }

  SECTION("share 1") {
    Ecosystem eco(load(partial_fault_world(1.0)).config);
    const std::vector<Step> steps = watch(eco);

    // Every message attempted in [2 h, 8 h) is rejected, every other one delivered.
    sim::Time first_refusal = sim::kNever;
    sim::Time delivered_after = sim::kNever;
    for (const Step& s : steps) {
      REQUIRE(s.delivered + s.refused == 1);
      const bool in_window = s.at >= hours(2) && s.at < hours(8);
      CHECK(s.refused == (in_window ? 1u : 0u));
      if (s.refused == 1 && first_refusal == sim::kNever) first_refusal = s.at;
      if (s.delivered == 1 && s.at >= hours(8) && delivered_after == sim::kNever) delivered_after = s.at;
    }
    // 60 arrivals an hour: no 15 min without one (e^-15 = 3e-7), so the window's first attempt is
    // in its first 15 min and the first delivery after it in the 15 min after 8 h.
    REQUIRE(first_refusal >= hours(2));
    REQUIRE(first_refusal < hours(2) + minutes(15));
    REQUIRE(delivered_after >= hours(8));
    REQUIRE(delivered_after < hours(8) + minutes(15));

    // The rejections follow each other within minutes (a 2 h gap without arrivals: e^-120), so no
    // quiet gap ends the streak: it ends at the first delivery after the window, one outage of
    // 5.75 .. 6.25 h, no blip.
    const std::vector<OutageInterval> out = outages_of(eco, 0_tenant, 0_gateway);
    REQUIRE(out.size() == 1);
    CHECK(out[0].start == first_refusal);
    CHECK(out[0].end == delivered_after);
    CHECK(out[0].cause == BlockCause::ProviderFault);
    const DeliveryCounts c = eco.ledger().pair(0_tenant, 0_gateway);
    CHECK(c.refusal_blips == 0);
    CHECK(c.rejected == sum_refused(steps));
    // 360 +- 19 (sd) messages in the window; [280, 440] is about 4 sd.
    CHECK(c.rejected >= 280);
    CHECK(c.rejected <= 440);

    const json s = summary_of(eco);
    const double hours_cut_off = sim::to_hours(delivered_after - first_refusal);
    CHECK(hours_cut_off >= 5.75);
    CHECK(hours_cut_off <= 6.25);
    CHECK(s["tenants"]["org"]["outage_pair_hours"].get<double>() == Approx(hours_cut_off));
    CHECK(s["tenants"]["org"]["refusal_blips"] == 0);
    CHECK(s["outage_count"] == 1);
  }
}

// Rejected all week: cut off once per business day; deferred: once for the whole run.
TEST_CASE("cut off: a business-hours sender refused all week", "[scenario][cut_off]") {
  SECTION("rejected (550)") {
    Ecosystem eco(load(business_hours_world(550)).config);
    const std::vector<Step> steps = watch(eco);

    // Every attempt is refused, all inside a business day; per day, the first and last refusal.
    std::vector<sim::Time> first(5, sim::kNever);
    std::vector<sim::Time> last(5, sim::kNever);
    for (const Step& s : steps) {
      REQUIRE(s.delivered == 0);
      const auto day = static_cast<std::size_t>(s.at / kDay);
      const sim::Time into_day = s.at % kDay;
      REQUIRE(day < 5);  // Mon .. Fri: nothing on the weekend
      CHECK(into_day >= hours(9));
      CHECK(into_day < hours(17));
      if (first[day] == sim::kNever) first[day] = s.at;
      last[day] = s.at;
    }

    // 84 arrivals an hour: each day's first within 10 min of 09:00 and its last within 10 min of
    // 17:00 (no 10 min without an arrival: e^-14 = 8e-7 each). A 550 is not retried, so the pair
    // makes no attempt from about 17:00 to 09:00 (16 h, and the weekend), longer than the 2 h
    // quiet gap: each day's streak ends at its last refusal, after about 8 h >= the 1 h of
    // min_duration. Five outages, Monday's to Friday's, none containing a night.
    const std::vector<OutageInterval> out = outages_of(eco, 0_tenant, 0_gateway);
    REQUIRE(out.size() == 5);
    double total_hours = 0;
    for (std::size_t day = 0; day < 5; ++day) {
      INFO("day " << day);
      const sim::Time day_start = static_cast<sim::Time>(day) * kDay;
      CHECK(out[day].start == first[day]);
      CHECK(out[day].end == last[day]);
      CHECK(out[day].start >= day_start + hours(9));
      CHECK(out[day].start < day_start + hours(9) + minutes(10));
      CHECK(out[day].end > day_start + hours(17) - minutes(10));
      CHECK(out[day].end < day_start + hours(17));
      CHECK(out[day].cause == BlockCause::GatewayOutage);
      total_hours += sim::to_hours(out[day].end - out[day].start);
    }
    // Five days of 7h40 .. 8h: 38h20 .. 40h, where counting the nights would give about 104 h
    // (Monday 09:00 to Friday 17:00).
    CHECK(total_hours >= 38.3);
    CHECK(total_hours <= 40.0);

    const DeliveryCounts c = eco.ledger().pair(0_tenant, 0_gateway);
    CHECK(c.refusal_blips == 0);
    CHECK(c.delivered == 0);
    CHECK(c.rejected == c.sent);
    CHECK(c.rejected == sum_refused(steps));
    // 40 h x 84/h = 3360 +- 58 (sd); [3100, 3600] is more than 4 sd.
    CHECK(c.rejected >= 3100);
    CHECK(c.rejected <= 3600);

    const json s = summary_of(eco);
    CHECK(s["outage_count"] == 5);
    CHECK(s["tenants"]["org"]["outage_pair_hours"].get<double>() == Approx(total_hours));
    // One gateway, so its outages never overlap: the cut-off hours are the same.
    CHECK(s["tenants"]["org"]["cut_off_hours"].get<double>() == Approx(total_hours));
  }

  SECTION("deferred (451), retried every 20 min") {
    // fope2012's queue retries every 20 min through the night: the pair never goes quiet.
    CHECK(check_one_open_outage(business_hours_world(451)) == minutes(20));
  }

  SECTION("deferred (451), retried only every 3 h") {
    // A queue that leaves the mail untried for 3 h at night, longer than the 2 h quiet gap: the
    // gap would end a streak after a rejection, but after a deferral the mail is waiting, and the
    // sender is still cut off.
    json doc = business_hours_world(451);
    doc["providers"][0]["retry"] = json::parse(R"({"first_retry": "3h", "max_interval": "3h"})");
    const sim::Time longest_gap = check_one_open_outage(doc);
    CHECK(longest_gap == hours(3));  // the nights, between retries
  }
}
