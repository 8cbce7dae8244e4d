// Regression: the shipped shared-IP spoofing scenario (seed 004) shows what the write-up argues.
// Receivers run no content filter and no reputation policy and the campaign is zero-day, so every
// spoofed message's fate is decided by authentication alone and the counts relate exactly.
#include <catch2/catch.hpp>

#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "io/scenario_loader.hpp"
#include "models/auth.hpp"
#include "shipped_scenario.hpp"

using namespace repsim;
using namespace repsim::testing;
using models::DeliveryCounts;
using sim::hours;

namespace {

const char* const kGateways[] = {"webmail", "corporate", "legacy-isp"};

// The run, plus the spoofer's counts per gateway when only the first campaign (spoofing
// bank-shared, +24 h..+28 h) had run: the second (spoofing bank-dedicated) starts at +48 h, and
// nothing is ever deferred, so at +36 h the first campaign is final and the second has not begun.
struct SpoofingRun {
  std::unique_ptr<models::Ecosystem> eco;
  std::vector<DeliveryCounts> first_campaign;  // indexed like kGateways
};

SpoofingRun run_in_two_stages() {
  auto loaded = io::load_scenario_file(std::string(REPSIM_SOURCE_DIR) + "/scenarios/shared_ip_spoofing.json");
  SpoofingRun r;
  r.eco = std::make_unique<models::Ecosystem>(std::move(loaded.config));
  r.eco->run_until(hours(36));
  const auto spoofer = tenant_index(*r.eco, "compromised-customer");
  for (const char* g : kGateways)
    r.first_campaign.push_back(r.eco->ledger().pair(spoofer, gateway_index(*r.eco, g)));
  r.eco->run();
  r.eco->finish();
  return r;
}

models::Message spoof(const models::Ecosystem& eco, const std::string& spoofer, const std::string& brand) {
  models::Message m;
  m.tenant = tenant_index(eco, spoofer);
  m.header_from = m.envelope_from = tenant_index(eco, brand);
  m.kind = models::MessageKind::Spam;
  return m;
}

const models::IpPool& pool(const models::Ecosystem& eco, const std::string& id) {
  for (const auto& p : eco.pools())
    if (p.id == id) return p;
  throw std::invalid_argument("no pool " + id);
}

}  // namespace

TEST_CASE("shared-IP spoofing: SPF passes from the shared pool, DMARC stops it", "[scenario][spoofing]") {
  // Catch2 re-enters the test case once per SECTION: run the scenario once and share it.
  static const SpoofingRun run = run_in_two_stages();
  const models::Ecosystem& eco = *run.eco;
  const auto spoofer = tenant_index(eco, "compromised-customer");
  const auto legacy = gateway_index(eco, "legacy-isp");

  SECTION("authentication: what a receiver computes for each spoof") {
    const auto& shared = pool(eco, "fope-shared");
    const auto& dedicated = pool(eco, "fope-dedicated");
    REQUIRE(shared.ips.size() == 16);
    REQUIRE(dedicated.ips.size() == 1);
    // The shared pool is in bank-shared's SPF record (the provider's include covers every
    // customer), so a co-tenant's spoof from any shared IP passes SPF but carries no aligned DKIM.
    for (models::IpIndex ip : shared.ips) {
      const auto a = models::evaluate_auth(spoof(eco, "compromised-customer", "bank-shared"), ip, eco.auth());
      CHECK(a.spf_pass);
      CHECK_FALSE(a.dkim_aligned);
      CHECK_FALSE(a.dmarc_pass);
      CHECK(a.dmarc == models::DmarcPolicy::Reject);
      // bank-dedicated's record names only its own IP: the same spoof fails SPF.
      CHECK_FALSE(models::evaluate_auth(spoof(eco, "compromised-customer", "bank-dedicated"), ip, eco.auth())
                      .spf_pass);
    }
    CHECK(eco.auth().spf(tenant_index(eco, "bank-dedicated")) == dedicated.ips);
  }

  SECTION(
      "campaign 1 (From: bank-shared): delivered by the SPF-only receiver, rejected where DMARC is "
      "enforced") {
    std::uint64_t spoofs = 0;
    for (std::size_t i = 0; i < std::size(kGateways); ++i) {
      const DeliveryCounts& c = run.first_campaign[i];
      INFO(kGateways[i]);
      CHECK(c.sent > 0);
      CHECK(c.deferred_attempts == 0);
      CHECK(c.filtered == 0);  // zero-day: the outbound filter has no signature
      if (gateway_index(eco, kGateways[i]) == legacy) {
        // SPF passes and nothing else is checked: every spoof lands in an inbox.
        CHECK(c.spam_accepted == c.sent);
        CHECK(c.rejected == 0);
      } else {
        CHECK(c.rejected == c.sent);
        CHECK(c.spam_accepted == 0);
      }
      spoofs += c.sent;
    }
    CHECK(spoofs > 0);
    CHECK(run.first_campaign[2].spam_accepted > 0);
  }

  SECTION("campaign 2 (From: bank-dedicated): fails SPF at every receiver, the legacy one included") {
    for (std::size_t i = 0; i < std::size(kGateways); ++i) {
      const DeliveryCounts& whole = eco.ledger().pair(spoofer, gateway_index(eco, kGateways[i]));
      const DeliveryCounts& first = run.first_campaign[i];
      INFO(kGateways[i]);
      const std::uint64_t sent = whole.sent - first.sent;
      CHECK(sent > 0);
      CHECK(whole.rejected - first.rejected == sent);
      CHECK(whole.spam_accepted == first.spam_accepted);  // not one more spoof accepted
      CHECK(whole.delivered == first.delivered);
      CHECK(whole.queued_at_end == 0);
    }
  }

  SECTION("both campaigns: every spoof reached a receiver, none still queued") {
    // The spoofer's legit mail goes only to partners, so its spam is exactly what these receivers saw.
    std::uint64_t seen = 0;
    for (const char* g : kGateways) seen += eco.ledger().pair(spoofer, gateway_index(eco, g)).sent;
    CHECK(seen == eco.tenant(spoofer).spam_created());
    const auto partners = gateway_index(eco, "partners");
    CHECK(eco.ledger().pair(spoofer, partners).sent == eco.tenant(spoofer).legit_created());
    CHECK(eco.ledger().pair(spoofer, partners).delivered == eco.tenant(spoofer).legit_created());
    CHECK(eco.ledger().tenant(spoofer).legit_lost == 0);
  }

  SECTION("the banks' own mail is unaffected: delivered == sent at every receiver, no outage") {
    for (const char* bank : {"bank-shared", "bank-dedicated"}) {
      const auto t = tenant_index(eco, bank);
      for (const char* g : kGateways) {
        const DeliveryCounts& c = eco.ledger().pair(t, gateway_index(eco, g));
        INFO(bank << " -> " << g);
        CHECK(c.sent > 0);
        CHECK(c.delivered == c.sent);
        CHECK(c.deferred_attempts == 0);
        CHECK(c.rejected == 0);
      }
      CHECK(eco.ledger().tenant(t).delivered == eco.ledger().tenant(t).sent);
      CHECK(eco.ledger().tenant(t).legit_lost == 0);
    }
    CHECK(eco.ledger().outages().empty());
  }
}
