// Regression: the March 2025 Exchange Online regression (seed 003). The provider itself bounces
// messages with attachments (554 5.6.0) for 5 days; the ZIP workaround from T+71 h about halves the
// NDRs. Compared against a variant of the same file without the workaround (common random numbers:
// the tenants' draws do not depend on the faults, so both runs create the same messages).
#include <catch2/catch.hpp>

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
  std::uint64_t rejected_before_fault = 0;           // all tenants, just before T
  std::uint64_t zip_rejected_before_workaround = 0;  // contoso-zip-users, just before T+71 h
  std::uint64_t rejected_before_fix = 0;             // all tenants, just before T+120 h
};

models::ProviderIndex provider_named(const models::EcosystemConfig& c, const std::string& id) {
  for (models::ProviderIndex p{0}; p < c.providers.size(); ++p)
    if (c.providers[p].config.id == id) return p;
  throw std::invalid_argument("no provider " + id);
}

// Runs the shipped scenario; without the workaround the zip users' fault lasts the full 5 days like
// everyone else's (the only change).
ExoRun run_exchange_online(bool workaround) {
  auto loaded =
      io::load_scenario_file(std::string(REPSIM_SOURCE_DIR) + "/scenarios/exchange_online_regression.json");
  if (!workaround) {
    const auto zip = provider_named(loaded.config, "exchange-online-zip");
    int changed = 0;
    for (auto& a : loaded.config.timeline)
      if (auto* f = std::get_if<models::ProviderFaultAction>(&a.action); f && f->provider == zip) {
        REQUIRE(f->duration == hours(71));
        f->duration = hours(120);
        ++changed;
      }
    REQUIRE(changed == 1);
  }
  ExoRun r;
  r.eco = std::make_unique<models::Ecosystem>(std::move(loaded.config));
  auto& eco = *r.eco;
  r.fault_start = eco.calendar().parse_time("2025-03-07T12:30:00Z");
  const auto zip_users = tenant_index(eco, "contoso-zip-users");
  eco.run_until(r.fault_start - 1);
  r.rejected_before_fault = eco.ledger().totals().rejected;
  eco.run_until(r.fault_start + hours(71) - 1);
  r.zip_rejected_before_workaround = eco.ledger().tenant(zip_users).rejected;
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
  const auto zip_users = tenant_index(eco, "contoso-zip-users");
  const auto others = tenant_index(eco, "contoso-other-users");
  const auto& lw = with.eco->ledger();
  const auto& lo = without.eco->ledger();

  SECTION("the provider breaks attachments from T for 5 days, the zip users' part only for 71 h") {
    const sim::Time t = with.fault_start;
    const auto& exo = eco.provider(provider_named(eco.config(), "exchange-online"));
    const auto& zip = eco.provider(provider_named(eco.config(), "exchange-online-zip"));
    REQUIRE(exo.faults().size() == 1);
    REQUIRE(zip.faults().size() == 1);
    CHECK(exo.faults()[0].start == t);
    CHECK(exo.faults()[0].end == t + hours(120));
    CHECK(zip.faults()[0].start == t);
    CHECK(zip.faults()[0].end == t + hours(71));
    for (const auto* p : {&exo, &zip}) {
      CHECK(p->faults()[0].attachments_only);
      CHECK(p->faults()[0].code == 554);
      CHECK(p->faults()[0].text == "5.6.0 Corrupt message content");
    }
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
  SECTION("same messages in both runs: the workaround saves exactly the zip users' NDRs after T+71 h") {
    CHECK(lw.tenant(zip_users).sent == lo.tenant(zip_users).sent);
    CHECK(lw.tenant(others).sent == lo.tenant(others).sent);
    // The other users' fault is the same in both runs, so are their NDRs.
    CHECK(lw.tenant(others).rejected == lo.tenant(others).rejected);
    // The zip users lose in the workaround run exactly what they had lost by T+71 h without it.
    CHECK(lw.tenant(zip_users).rejected == without.zip_rejected_before_workaround);
    CHECK(with.zip_rejected_before_workaround == without.zip_rejected_before_workaround);
    CHECK(lo.tenant(zip_users).rejected > without.zip_rejected_before_workaround);
  }
  SECTION("the workaround about halves the loss") {
    // Hand computation (scenario notes): office hours 09:00-17:00 UTC weigh 1, other hours 0.05.
    // Fault window Fri 7 Mar 12:30 -> Wed 12 Mar 12:30; before T+71 h (Mon 11:30): Fri 4.5 h +
    // 64 h x 0.05 + Mon 2.5 h = 10.2 weight-hours; after: Mon 5.5 + 0.8 + Tue 8 + 0.8 + Wed 3.5 =
    // 18.6. A week weighs 40 + 128 x 0.05 = 46.4, so 2000 messages a day are 14000 / 46.4 = 301.7
    // per weight-hour, 30% with an attachment.
    //   without: 28.8 x 301.7 x 0.3 = 2607 NDRs (Poisson, sd 51)
    //   with:    (10.2 + 0.25 x 18.6) x 301.7 x 0.3 = 14.85 x 90.52 = 1344 NDRs (sd 37)
    //   ratio:   14.85 / 28.8 = 0.516
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
    int faults = 0, notes = 0;
    std::vector<std::pair<sim::Time, std::string>> ends;
    for (const auto& e : eco.event_log()) {
      if (e.kind == models::EventKind::ProviderFault) {
        ++faults;
        CHECK(e.time == with.fault_start);
      }
      if (e.kind == models::EventKind::Note && eco.actor_name(e.actor) == "microsoft") ++notes;
      if (e.kind == models::EventKind::FaultEnd) {
        ends.emplace_back(e.time, eco.provider_name(e.provider));
        CHECK(eco.actor_name(e.actor) == "exchange-online");
        CHECK(e.value == 554);
      }
    }
    CHECK(faults == 2);
    CHECK(notes == 2);
    // The ZIP users' window ends after 71 h, the others' after 120 h, in time order.
    CHECK(ends == std::vector<std::pair<sim::Time, std::string>>{
                      {with.fault_start + hours(71), "exchange-online-zip"},
                      {with.fault_start + hours(120), "exchange-online"}});
  }
}
