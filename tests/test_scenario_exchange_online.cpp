// Regression: the March 2025 Exchange Online regression (seed 003). The provider itself bounces
// messages with attachments (554 5.6.0) for 5 days; the ZIP workaround from T+71 h, a `set` of the
// organisation's attachment share, about halves the NDRs. Compared against a variant of the same
// file without the set (common random numbers: the tenant draws every message's attachment flag
// with one draw whatever the share, so both runs create the same messages at the same times).
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "io/scenario_loader.hpp"
#include "shipped_scenario.hpp"

using namespace repsim;
using namespace repsim::testing;
using sim::hours;

namespace {

struct ExoRun {
  std::unique_ptr<models::Ecosystem> eco;
  sim::Time fault_start = 0;
  std::uint64_t rejected_before_fault = 0;       // just before T
  std::uint64_t sent_before_workaround = 0;      // just before T+71 h
  std::uint64_t rejected_before_workaround = 0;  // just before T+71 h
  std::uint64_t rejected_before_fix = 0;         // just before T+120 h
};

// Runs the shipped scenario; without the workaround its one `set` is left out (the only change).
ExoRun run_exchange_online(bool workaround) {
  auto loaded =
      io::load_scenario_file(std::string(REPSIM_SOURCE_DIR) + "/scenarios/exchange_online_regression.json");
  if (!workaround) {
    auto& tl = loaded.config.timeline;
    const auto sets = std::erase_if(tl, [](const models::TimedAction& a) {
      return std::holds_alternative<models::SetParameter>(a.action);
    });
    REQUIRE(sets == 1);
  }
  ExoRun r;
  r.eco = std::make_unique<models::Ecosystem>(std::move(loaded.config));
  auto& eco = *r.eco;
  r.fault_start = eco.calendar().parse_time("2025-03-07T12:30:00Z");
  eco.run_until(r.fault_start - 1);
  r.rejected_before_fault = eco.ledger().totals().rejected;
  eco.run_until(r.fault_start + hours(71) - 1);
  r.sent_before_workaround = eco.ledger().totals().sent;
  r.rejected_before_workaround = eco.ledger().totals().rejected;
  eco.run_until(r.fault_start + hours(120) - 1);
  r.rejected_before_fix = eco.ledger().totals().rejected;
  eco.run();
  eco.finish();
  return r;
}

}  // namespace

TEST_CASE("exchange online regression: attachment NDRs, halved by the ZIP workaround",
          "[scenario][exchange_online]") {
  // Catch2 re-enters the test case once per SECTION: run each variant once and share it.
  static const ExoRun with = run_exchange_online(true);
  static const ExoRun without = run_exchange_online(false);
  const auto& eco = *with.eco;
  const auto contoso = tenant_index(eco, "contoso");
  const auto& lw = with.eco->ledger();
  const auto& lo = without.eco->ledger();

  SECTION("the provider breaks attachments from T for 5 days") {
    const auto& exo = eco.provider(models::ProviderIndex{0});
    REQUIRE(exo.faults().size() == 1);
    CHECK(exo.faults()[0].start == with.fault_start);
    CHECK(exo.faults()[0].end == with.fault_start + hours(120));
    CHECK(exo.faults()[0].attachments_only);
    CHECK(exo.faults()[0].code == 554);
    CHECK(exo.faults()[0].text == "5.6.0 Corrupt message content");
  }
  SECTION("the workaround: from T+71 h one message in 0.075 carries an attachment the fault breaks") {
    CHECK(eco.tenant(contoso).config().attachment_share == 0.075);
    CHECK(without.eco->tenant(contoso).config().attachment_share == 0.3);
  }
  SECTION("NDRs come only from the fault window") {
    for (const ExoRun* r : {&with, &without}) {
      CHECK(r->rejected_before_fault == 0);
      CHECK(r->rejected_before_fix == r->eco->ledger().totals().rejected);  // none after the fix
    }
  }
  SECTION("every NDR is the provider's own 554: no gateway was contacted for it") {
    for (const ExoRun* r : {&with, &without}) {
      const auto& e = *r->eco;
      const auto& l = e.ledger();
      const auto totals = l.totals();
      CHECK(totals.rejected > 0);
      CHECK(totals.deferred_attempts == 0);
      CHECK(totals.expired == 0);
      CHECK(totals.queued_at_end == 0);
      CHECK(totals.delivered + totals.rejected == totals.sent);
      // The sending IPs made one attempt per delivered message and none for the rejected ones: a
      // faulted message never picked an IP, so it never reached a gateway.
      std::uint64_t ip_attempts = 0;
      for (const auto& ip : e.ips()) ip_attempts += ip.attempts;
      CHECK(ip_attempts == totals.delivered);
      REQUIRE_FALSE(l.outages().empty());
      for (const auto& o : l.outages()) CHECK(o.cause == models::BlockCause::ProviderFault);
    }
  }
  SECTION("same messages in both runs: the workaround only saves NDRs after T+71 h") {
    CHECK(lw.totals().sent == lo.totals().sent);
    CHECK(with.sent_before_workaround == without.sent_before_workaround);
    CHECK(with.rejected_before_workaround == without.rejected_before_workaround);
    // A message with a breakable attachment at share 0.075 has one at 0.3 too (u < 0.075 implies
    // u < 0.3): the NDRs after T+71 h with the workaround are a part of those without it.
    CHECK(lw.totals().rejected > with.rejected_before_workaround);
    CHECK(lw.totals().rejected < lo.totals().rejected);
  }
  SECTION("the workaround about halves the loss") {
    // Hand computation (scenario notes): office hours 09:00-17:00 UTC weigh 1, other hours 0.05.
    // Fault window Fri 7 Mar 12:30 -> Wed 12 Mar 12:30; before T+71 h (Mon 11:30): Fri 4.5 h +
    // 64 h x 0.05 + Mon 2.5 h = 10.2 weight-hours; after: Mon 5.5 + 0.8 + Tue 8 + 0.8 + Wed 3.5 =
    // 18.6. A week weighs 40 + 128 x 0.05 = 46.4, so 2000 messages a day are 14000 / 46.4 = 301.7
    // per weight-hour, 30% with an attachment before the workaround, 7.5% after.
    //   without: 28.8 x 301.7 x 0.3 = 2607 NDRs (Poisson, sd 51)
    //   with:    (10.2 x 0.3 + 18.6 x 0.075) x 301.7 = 4.455 x 301.7 = 1344 NDRs (sd 37)
    //   ratio:   4.455 / 8.64 = 0.516
    const auto lost_with = lw.totals().rejected;
    const auto lost_without = lo.totals().rejected;
    INFO("NDRs with the workaround " << lost_with << ", without " << lost_without);
    CHECK(lost_without >= 2607 - 4 * 51);
    CHECK(lost_without <= 2607 + 4 * 51);
    CHECK(lost_with >= 1344 - 4 * 37);
    CHECK(lost_with <= 1344 + 4 * 37);
    const double ratio = static_cast<double>(lost_with) / static_cast<double>(lost_without);
    CHECK(ratio >= 0.35);
    CHECK(ratio <= 0.65);
  }
  SECTION("the event log tells the story") {
    int faults = 0, notes = 0, sets = 0;
    std::vector<std::pair<sim::Time, std::string>> ends;
    for (const auto& e : eco.event_log()) {
      if (e.kind == models::EventKind::ProviderFault) {
        ++faults;
        CHECK(e.time == with.fault_start);
      }
      if (e.kind == models::EventKind::Note && eco.actor_name(e.actor) == "microsoft") ++notes;
      if (e.kind == models::EventKind::SetParameter) {
        ++sets;
        CHECK(e.time == with.fault_start + hours(71));
        CHECK(eco.actor_name(e.actor) == "contoso-users");
        CHECK(e.tenant == contoso);
        CHECK(e.value == 0.075);
        CHECK(e.text == "contoso attachment_share = 0.075");
      }
      if (e.kind == models::EventKind::FaultEnd) {
        ends.emplace_back(e.time, eco.provider_name(e.provider));
        CHECK(eco.actor_name(e.actor) == "exchange-online");
        CHECK(e.value == 554);
      }
    }
    CHECK(faults == 1);
    CHECK(notes == 2);
    CHECK(sets == 1);
    CHECK(ends ==
          std::vector<std::pair<sim::Time, std::string>>{{with.fault_start + hours(120), "exchange-online"}});
  }
}
