// A DNS blocklist end to end: a bot's spam hits traps, the blocklist scorer lists the shared IP on
// the third hit, the gateway that consults the list refuses the IP's mail (554, before DATA) and the
// listing expires listing_ttl after the last hit, after which the IP's mail is accepted again.
#include <catch2/catch.hpp>

#include <memory>

#include "io/scenario_loader.hpp"
#include "models/ecosystem.hpp"
#include "shipped_scenario.hpp"

using namespace repsim;
using namespace repsim::models;
using sim::hours;

namespace {

// One shared IP for a bot and a clean tenant; every spam message goes to a trap (trap_share 1). The
// bot's episode sends about 12 messages in 2 h from 2 h on; the clean tenant 10 an hour all day.
constexpr const char* kWorld = R"({
  "name": "dnsbl", "start": "2024-01-01T00:00:00Z", "duration": "24h", "seed": 7,
  "scorers": [{"id": "dnsbl", "type": "blocklist", "trap_hits_to_list": 3, "list_window": "24h",
               "listing_ttl": "6h"}],
  "providers": [{"id": "p", "retry": {"preset": "postfix"}, "pools": [{"id": "out", "size": 1}]}],
  "tenants": [
    {"id": "bot", "provider": "p", "recipients": [{"gateway": "corp"}],
     "episodes": [{"start": "2h", "duration": "2h", "messages_per_hour": 6, "trap_share": 1}]},
    {"id": "clean", "provider": "p", "messages_per_day": 240, "recipients": [{"gateway": "corp"}]}
  ],
  "gateways": [{"id": "corp", "blocklist": "dnsbl",
                "policy": [{"listed": true, "action": "reject", "code": 554,
                            "text": "5.7.1 Service unavailable; client host blocked using a DNS blocklist"}]}]
})";

const Event* first_of(const Ecosystem& eco, EventKind kind) {
  for (const Event& e : eco.event_log())
    if (e.kind == kind) return &e;
  return nullptr;
}

}  // namespace

TEST_CASE("dnsbl end to end: trap hits list the IP, the gateway refuses it, the listing expires",
          "[scenario][dnsbl]") {
  auto full = std::make_unique<Ecosystem>(io::load_scenario_text(kWorld, "dnsbl.json").config);
  full->run();
  full->finish();
  const TenantIndex bot = testing::tenant_index(*full, "bot");
  const TenantIndex clean = testing::tenant_index(*full, "clean");
  const GatewayIndex corp = testing::gateway_index(*full, "corp");
  const std::uint64_t spam = full->ledger().tenant(bot).sent;
  REQUIRE(spam >= 4);  // three to list, at least one more while listed
  const Event* listed = first_of(*full, EventKind::Listed);
  const Event* expired = first_of(*full, EventKind::DelistedExpired);
  REQUIRE(listed != nullptr);
  REQUIRE(expired != nullptr);
  CHECK(full->ledger().outages().size() == 1);  // the clean tenant's: outages count legit mail only

  // A second run of the same scenario, stopped at the instants that matter (same seed, same run).
  auto eco = std::make_unique<Ecosystem>(io::load_scenario_text(kWorld, "dnsbl.json").config);
  const sim::Time listed_at = listed->time;
  const sim::Time last_hit = expired->time - hours(6);

  SECTION("the listing: at the third trap hit, each message tried as it is created") {
    eco->run_until(listed_at - 1);
    CHECK(eco->ledger().tenant(bot).sent == 2);
    CHECK_FALSE(eco->gateway(corp).standing(IpIndex{0}).listed);
    eco->run_until(listed_at);
    CHECK(eco->ledger().tenant(bot).sent == 3);
    CHECK(eco->gateway(corp).standing(IpIndex{0}).listed);
    // The hit that lists is the third accepted spam: the gateway answered before it reported.
    CHECK(eco->ledger().tenant(bot).delivered == 3);
  }
  SECTION("the expiry: listing_ttl (6 h) after the last trap hit, which every later spam renewed") {
    eco->run_until(last_hit - 1);
    CHECK(eco->ledger().tenant(bot).sent == spam - 1);
    eco->run_until(last_hit);
    CHECK(eco->ledger().tenant(bot).sent == spam);
    CHECK(last_hit >= hours(2));
    CHECK(last_hit < hours(4));  // the episode's window
    eco->run_until(expired->time - 1);
    CHECK(eco->gateway(corp).standing(IpIndex{0}).listed);
    eco->run_until(expired->time);
    CHECK_FALSE(eco->gateway(corp).standing(IpIndex{0}).listed);
  }
  SECTION("while listed the gateway refuses the IP's mail with a 5xx; before and after it accepts it") {
    eco->run_until(listed_at - 1);
    const auto sent_before = eco->ledger().tenant(clean).sent;
    CHECK(eco->ledger().tenant(clean).rejected == 0);
    CHECK(eco->ledger().tenant(clean).delivered == sent_before);
    eco->run_until(expired->time - 1);
    const auto sent_listed = eco->ledger().tenant(clean).sent - sent_before;
    CHECK(sent_listed > 0);
    CHECK(eco->ledger().tenant(clean).rejected == sent_listed);
    // Everything after the expiry is delivered: the clean tenant lost exactly its mail of the listing.
    const auto& c = full->ledger().tenant(clean);
    CHECK(c.rejected == sent_listed);
    CHECK(c.delivered == c.sent - sent_listed);
    CHECK(c.deferred_attempts == 0);
    // The bot's spam after the listing was refused too: 3 accepted, the rest bounced.
    CHECK(full->ledger().tenant(bot).rejected == spam - 3);

    const auto outages = testing::outages_of(*full, clean, corp);
    REQUIRE(outages.size() == 1);
    CHECK(outages[0].cause == BlockCause::Blocklist);
    CHECK(outages[0].start >= listed_at);
    CHECK(outages[0].end >= expired->time);
    // The next clean message after the expiry ends it: at 10 an hour, well within an hour.
    CHECK(outages[0].end < expired->time + hours(1));
  }
  SECTION("the gateway's reply is the listed rule's: 554 and its text, a refusal before DATA") {
    const auto& rules = full->gateway(corp).config().policy.rules;
    REQUIRE(rules.size() == 1);
    CHECK(rules[0].listed);
    CHECK(rules[0].code == 554);
    CHECK(listed->ip == IpIndex{0});
    CHECK(expired->ip == IpIndex{0});
  }
}
