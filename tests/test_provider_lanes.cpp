// The provider's per-destination lanes (models/provider.hpp): what a retry costs, dead destinations,
// passes past isolated failures, sources, and connection-limited flushes, all counted by hand.
#include <catch2/catch.hpp>

#include <vector>

#include "index_literals.hpp"
#include "provider_fixture.hpp"

using namespace repsim::models;
using namespace repsim::models::index_literals;
using namespace repsim::models::testing;
using namespace repsim::sim;

namespace {

ProviderConfig fope(std::uint32_t max_connections = 0) {
  ProviderConfig cfg;
  cfg.id = std::string("p");
  cfg.retry = RetryPolicy::fope2012();
  cfg.max_connections_per_destination = max_connections;
  return cfg;
}

// The network's answer by call number, from 0: refuse when refuse(n) holds.
template <class F>
void by_call(World& w, F refuse) {
  w.net.rule = [&w, refuse](const Message&, Time) {
    return refuse(w.net.calls.size()) ? tempfail_421() : SmtpReply::accept();
  };
}

}  // namespace

TEST_CASE("a dead destination costs one probe per retry however much mail waits", "[provider]") {
  World w(fope());
  w.net.rule = [](const Message&, Time now) { return now < hours(1) ? tempfail_421() : SmtpReply::accept(); };
  for (int i = 0; i < 1000; ++i) w.send_at(seconds(i), legit());
  w.sim.run();
  w.finish();
  // By hand: 1000 first attempts at 0 .. 999 s, all 421 (the destination is dead after the 5th).
  // The lane's retries at 20 and 40 min try the oldest message alone: 421. The retry at 60 min
  // (1 h exactly: accepted) finds it accepted and flushes the other 999 at once: 1000 + 2 + 1000.
  // A per-message queue would have retried each of the 1000 at 20 and 40 min too: 3000 + 2000.
  CHECK(w.net.calls.size() == 2002);
  CHECK(w.provider->attempts() == 2002);
  CHECK(w.provider->retries() == 1002);
  CHECK(w.ledger.tenant(0_tenant).delivered == 1000);
  CHECK(w.ledger.tenant(0_tenant).deferred_attempts == 1002);
  // Every message was deferred once and delivered by a retry, so 4xx replies (1000 first attempts
  // + 2 failed probes) equal retries (1000 deliveries + 2 failed probes).
  CHECK(w.ledger.tenant(0_tenant).deferred_attempts == w.provider->retries());
  std::vector<Time> probes;
  for (const auto& c : w.net.calls)
    if (c.tag == 0 && c.time > 0) probes.push_back(c.time);
  CHECK(probes == std::vector<Time>{minutes(20), minutes(40), minutes(60)});
  // The simulation handled the 1000 submissions and 3 lane events: nothing per queued message.
  CHECK(w.sim.events_handled() == 1003);
}

TEST_CASE("a live lane's pass goes on past isolated deferrals", "[provider]") {
  // The gateway refuses every third attempt (calls 0, 3, 6, ...): deferrals never come 5 in a row.
  World w(fope());
  by_call(w, [](std::size_t n) { return n % 3 == 0; });
  for (int i = 0; i < 10; ++i) w.send_at(minutes(i), legit());
  w.sim.run();
  // First attempts: calls 0 .. 9, so messages 0, 3, 6, 9 are deferred. The retry at 20 min tries
  // them oldest first: calls 10 (message 0, accepted), 11 (3, accepted), 12 (6, refused), 13 (9,
  // accepted). The pass delivered something, so the back-off starts over: the next retry is 20 min
  // later, at 40 min: call 14, message 6, accepted.
  REQUIRE(w.net.calls.size() == 15);
  std::vector<std::uint32_t> retried;
  for (std::size_t n = 10; n < 15; ++n) retried.push_back(w.net.calls[n].tag);
  CHECK(retried == std::vector<std::uint32_t>{0, 3, 6, 9, 6});
  CHECK(w.net.calls[13].time == minutes(20));
  CHECK(w.net.calls[14].time == minutes(40));
  CHECK(w.ledger.tenant(0_tenant).delivered == 10);

  SECTION("with dead_after 1 the pass stops at the first deferral") {
    ProviderConfig cfg = fope();
    cfg.dead_after = 1;
    World d(cfg);
    by_call(d, [](std::size_t n) { return n % 3 == 0; });
    for (int i = 0; i < 10; ++i) d.send_at(minutes(i), legit());
    d.sim.run();
    // At 20 min: calls 10 (0, accepted), 11 (3, accepted), 12 (6, refused: dead); message 9 waits.
    // At 40 min the probe (6, call 13) is accepted and the pass goes on to 9 (call 14).
    REQUIRE(d.net.calls.size() == 15);
    CHECK(d.net.calls[12].tag == 6);
    CHECK(d.net.calls[13].tag == 6);
    CHECK(d.net.calls[14].tag == 9);
    CHECK(d.net.calls[14].time == minutes(40));
  }
}

TEST_CASE("a dedicated IP is its own lane: a neighbour's refused IP holds nothing of it", "[provider]") {
  World w(fope());
  w.pools[0].assignment = Assignment::Dedicated;
  w.pools[0].ip_of_tenant = {0_ip, 1_ip};  // tenant 0 on IP 0, tenant 1 on IP 1
  // The gateway refuses tenant 0's mail (from IP 0, say for its reputation) and accepts IP 1's.
  w.net.rule = [](const Message& m, Time) { return m.tenant == 0 ? tempfail_421() : SmtpReply::accept(); };
  for (int i = 0; i < 6; ++i) w.send_at(minutes(i), legit(0_gateway, static_cast<TenantIndex>(i % 2)));
  w.sim.run_until(hours(1));
  // Tenant 1 (messages 1, 3, 5) is delivered at once; tenant 0's three wait in the lane of IP 0.
  CHECK(w.ledger.tenant(1_tenant).delivered == 3);
  CHECK(w.ledger.tenant(1_tenant).latency_s.max() == 0);
  CHECK(w.provider->queued() == 3);
  CHECK(w.provider->lane_count() == 1);
  for (const auto& c : w.net.calls) CHECK(c.ip == (c.tag % 2 == 0 ? 0u : 1u));
}

TEST_CASE("a flush runs at the rate the connection limit allows", "[provider]") {
  World w(fope(2));  // 2 sessions of 2 s to one destination
  w.net.rule = [](const Message&, Time now) { return now < hours(1) ? tempfail_421() : SmtpReply::accept(); };
  for (int i = 0; i < 10; ++i) w.send_at(minutes(i), legit());
  w.sim.run();
  // Ten first attempts a minute apart (never more than one session open), all refused; retries at
  // 20 and 40 min probe message 0. At 60 min the probe is accepted and the flush takes two
  // sessions every 2 s: messages 0, 1 at 3600 s, 2, 3 at 3602 s, 4, 5 at 3604 s, 6, 7 at 3606 s,
  // 8, 9 at 3608 s. The lane waited for a session 4 times (one event each).
  std::vector<Time> delivered(10, -1);
  for (const auto& c : w.net.calls)
    if (c.cls == ReplyClass::Accept) delivered[c.tag] = c.time;
  for (int i = 0; i < 10; ++i)
    CHECK(delivered[static_cast<std::size_t>(i)] == hours(1) + seconds(2 * (i / 2)));
  CHECK(w.provider->connection_waits() == 4);
  CHECK(w.ledger.totals().deferred_attempts == 12);  // 10 first attempts + 2 probes
  // 10 submissions, retries at 20, 40, 60 min, 4 session waits.
  CHECK(w.sim.events_handled() == 17);
}

TEST_CASE("new mail gets its own first attempt even while its lane is dead", "[provider]") {
  World w(fope());
  // The gateway defers until 30 min, and from then on accepts everything.
  w.net.rule = [](const Message&, Time now) {
    return now < minutes(30) ? tempfail_421() : SmtpReply::accept();
  };
  for (int i = 0; i < 6; ++i) w.send_at(minutes(i), legit());
  w.send_at(minutes(35), legit());  // arrives while the lane still waits for its 40 min retry
  w.sim.run();
  // The message of 35 min is delivered at once; the six older ones wait for the lane's retry at
  // 40 min (the 20 min probe was refused), where the probe succeeds and the rest follows.
  CHECK(w.net.calls.back().time == minutes(40));
  std::vector<Time> delivered(7, -1);
  for (const auto& c : w.net.calls)
    if (c.cls == ReplyClass::Accept) delivered[c.tag] = c.time;
  CHECK(delivered[6] == minutes(35));
  for (int i = 0; i < 6; ++i) CHECK(delivered[static_cast<std::size_t>(i)] == minutes(40));
}

TEST_CASE("queued mail is reported lane by lane, oldest first", "[provider]") {
  World w(fope(), 2, 3);
  w.net.rule = [](const Message& m, Time) { return m.gateway == 1 ? SmtpReply::accept() : tempfail_421(); };
  w.send_at(minutes(1), legit(2_gateway));  // opens the lane of gateway 2 first
  w.send_at(minutes(2), legit(0_gateway));
  w.send_at(minutes(3), legit(2_gateway));
  w.send_at(minutes(4), legit(1_gateway));  // delivered
  w.send_at(minutes(5), legit(0_gateway));
  w.sim.run_until(minutes(10));
  std::vector<const Message*> q;
  w.provider->collect_queued(q);
  REQUIRE(q.size() == 4);
  std::vector<std::uint32_t> tags;
  for (const Message* m : q) tags.push_back(m->envelope_from);
  CHECK(tags == std::vector<std::uint32_t>{0, 2, 1, 4});
  CHECK(w.provider->lane_count() == 2);
  CHECK(w.provider->busy_lanes() == 2);
}
