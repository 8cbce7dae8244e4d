// Regression: "DNS, SERVFAIL, firewalls and Microsoft" (seed 002). Microsoft-hosted domains fail to
// resolve for 30% of the lookups of one sender's low-port resolver; its queue retries and loses
// nothing, the other sender never notices.
#include <catch2/catch.hpp>

#include <cmath>

#include "shipped_scenario.hpp"

using namespace repsim;
using namespace repsim::testing;

namespace {

// Attempts from the IPs of one pool: every delivery attempt picks an IP and counts on it.
std::uint64_t pool_attempts(const models::Ecosystem& eco, const std::string& pool_id) {
  for (const auto& pool : eco.pools())
    if (pool.id == pool_id) {
      std::uint64_t n = 0;
      for (models::IpIndex ip : pool.ips) n += eco.ips()[ip].attempts;
      return n;
    }
  throw std::invalid_argument("no pool " + pool_id);
}

}  // namespace

TEST_CASE("dns servfail on low ports: a share of one sender's attempts tempfail, none is lost",
          "[scenario][dns_servfail]") {
  static const auto eco = run_shipped("dns_servfail_low_ports");
  const auto& ledger = eco->ledger();
  const auto lowport = tenant_index(*eco, "windows-bind-co");
  const auto highport = tenant_index(*eco, "unix-resolver-co");
  const auto ms = gateway_index(*eco, "ms-hosted");
  const auto elsewhere = gateway_index(*eco, "elsewhere");

  SECTION("nothing is lost within the queue lifetime: all delivered by the end") {
    for (auto t : {lowport, highport}) {
      const auto& c = ledger.tenant(t);
      CHECK(c.sent > 0);
      CHECK(c.expired == 0);
      CHECK(c.rejected == 0);
      CHECK(c.queued_at_end == 0);
      CHECK(c.delivered == c.sent);
    }
  }
  SECTION("only the low-port sender's mail to Microsoft-hosted domains is deferred") {
    CHECK(ledger.pair(lowport, ms).deferred_attempts > 0);
    CHECK(ledger.pair(lowport, elsewhere).deferred_attempts == 0);  // it resolves everyone else
    CHECK(ledger.pair(highport, ms).deferred_attempts == 0);        // high source ports pass the filter
    CHECK(ledger.pair(highport, elsewhere).deferred_attempts == 0);
    // Every refusal the ledger saw was a DNS failure of that one pair.
    REQUIRE_FALSE(ledger.outages().empty());
    for (const auto& o : ledger.outages()) {
      CHECK(o.tenant == lowport);
      CHECK(o.gateway == ms);
      CHECK(o.cause == models::BlockCause::DnsFailure);
    }
  }
  SECTION("the deferral share is the configured SERVFAIL probability, within 4 sigma") {
    const auto& c = ledger.pair(lowport, ms);
    // Nothing was rejected, so each attempt ended in a 250 (once per message) or a 451 4.4.3.
    const double attempts = static_cast<double>(c.delivered + c.deferred_attempts);
    // Each attempt draws Bernoulli(0.3) independently; with n attempts the share's standard
    // deviation is sqrt(0.3 * 0.7 / n) (also for retries until success: the delta method on
    // geometric counts gives p (1 - p)^2 / messages = p (1 - p) / attempts).
    const double share = static_cast<double>(c.deferred_attempts) / attempts;
    const double sigma = std::sqrt(0.3 * 0.7 / attempts);
    INFO("deferred " << c.deferred_attempts << " of " << attempts << " attempts, share " << share);
    CHECK(std::abs(share - 0.3) <= 4 * sigma);
    // The attempt count above is the one the sending IPs saw: the low-port pool's attempts are the
    // tenant's deliveries plus its deferrals (its mail to 'elsewhere' never deferred).
    CHECK(pool_attempts(*eco, "lowport-outbound") ==
          ledger.tenant(lowport).delivered + ledger.tenant(lowport).deferred_attempts);
    CHECK(pool_attempts(*eco, "highport-outbound") == ledger.tenant(highport).delivered);
  }
  SECTION("the volume is what the profile promises") {
    // 700 a day is 4900 a week, all in office hours Mon-Fri (off_hours_share 0), and the run is
    // exactly Mon 00:00 to Sat 00:00: 4900 expected per tenant (Poisson, sd 70), 2/3 to ms-hosted.
    for (auto t : {lowport, highport}) {
      CHECK(ledger.tenant(t).sent >= 4900 - 4 * 70);
      CHECK(ledger.tenant(t).sent <= 4900 + 4 * 70);
    }
  }
  SECTION("a deferred message waits for its retries, an undeferred one does not") {
    // Postfix's first retry is 300 s later, so a message deferred even once waits at least that.
    CHECK(ledger.pair(lowport, ms).latency_s.max() >= 300);
    CHECK(ledger.pair(highport, ms).latency_s.max() == 0);
    CHECK(ledger.pair(lowport, elsewhere).latency_s.max() == 0);
  }
}
