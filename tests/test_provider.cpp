// The provider's retry queue against scripted gateways: hand-counted attempts, expiries, notices.
#include <catch2/catch.hpp>

#include <vector>

#include "index_literals.hpp"
#include "provider_fixture.hpp"

using namespace repsim::models;
using namespace repsim::models::index_literals;
using namespace repsim::models::testing;
using namespace repsim::sim;

namespace {

ProviderConfig config(RetryPolicy retry) {
  ProviderConfig cfg;
  cfg.id = "fope";
  cfg.retry = retry;
  return cfg;
}

// The outage stream: a legit message every 7 minutes from 0 to 8 h: created at 7i min, i = 0..68
// (7 * 68 = 476 min < 480). The gateway answers 421 during [0, 6 h) and 250 from 6 h on, so
// i = 0..51 (7 * 51 = 357 min) arrive during the outage and i = 52..68 (17 messages) after it.
constexpr int kStream = 69;
constexpr int kDuringOutage = 52;
constexpr Time kOutageEnd = hours(6);

void outage_stream(World& w) {
  w.net.rule = [](const Message&, Time now) {
    return now < kOutageEnd ? tempfail_421() : SmtpReply::accept();
  };
  for (int i = 0; i < kStream; ++i) w.send_at(minutes(7 * i), legit());
}

}  // namespace

TEST_CASE("FOPE against a gateway that tempfails forever: 360 attempts, one notice, expiry at 120 h",
          "[provider]") {
  World w(config(RetryPolicy::fope2012()));
  w.net.rule = [](const Message&, Time) { return tempfail_421(); };
  w.send_at(0, legit());

  // The notice goes out before the first attempt at age >= 2 h: the retry at exactly 2 h.
  w.sim.run_until(hours(2) - 1);
  CHECK(w.ledger.tenant(0_tenant).delay_notices == 0);
  w.sim.run_until(hours(2));
  CHECK(w.ledger.tenant(0_tenant).delay_notices == 1);

  // A retry due at exactly the lifetime is not made: attempts at k * 20 min for k = 0..359 (the last
  // at 119 h 40 min), 360 in all; the message expires at the 120 h retry.
  w.sim.run_until(hours(120) - 1);
  CHECK(w.ledger.tenant(0_tenant).expired == 0);
  CHECK(w.provider->queued() == 1);
  w.sim.run_until(hours(200));
  REQUIRE(w.net.calls.size() == 360);
  for (std::size_t k = 0; k < 360; ++k) CHECK(w.net.calls[k].time == minutes(20) * static_cast<Time>(k));
  const DeliveryCounts& c = w.ledger.tenant(0_tenant);
  CHECK(c.expired == 1);
  CHECK(c.deferred_attempts == 360);
  CHECK(c.delay_notices == 1);
  CHECK(c.legit_lost == 1);
  CHECK(w.provider->queued() == 0);
  CHECK(w.messages.live() == 0);
  CHECK(w.sim.pending() == 0);  // nothing retries an expired message
  // One outage, opened by the first 421, still open at the end.
  REQUIRE(w.ledger.outages().size() == 1);
  CHECK(w.ledger.outages()[0].start == 0);
  CHECK(w.ledger.outages()[0].end == kNever);
  CHECK(w.ledger.outages()[0].cause == BlockCause::GatewayOutage);
  // Round-robin over the two IPs: 180 attempts each.
  CHECK(w.ips[0].attempts == 180);
  CHECK(w.ips[1].attempts == 180);
}

TEST_CASE("Postfix retries a lone message by its age, at queue scans, until 5 days", "[provider]") {
  World w(config(RetryPolicy::postfix()));
  w.net.rule = [](const Message&, Time) { return tempfail_421(); };
  w.send_at(seconds(100), legit());  // created between two queue scans (every 300 s from 0)
  w.sim.run_until(days(6));
  w.finish();
  // By hand, qmgr's rule: after a failure at t the message is due at t + its age clamped to
  // [300, 4000] s, and is tried at the first queue scan (a multiple of 300 s) at or after that.
  //   100: age 0 -> 300 -> due 400 -> scan 600;      600: age 500 -> due 1100 -> scan 1200;
  //   1200: age 1100 -> 2300 -> 2400;                 2400: age 2300 -> 4700 -> 4800;
  //   4800: age 4700 -> clamped 4000 -> 8800 -> 9000; from then on +4000 -> the scan 4200 s later.
  std::vector<Time> expected{seconds(100), seconds(600), seconds(1200), seconds(2400), seconds(4800)};
  // The queue lifetime is 5 days (432,000 s): a message due at or past that age expires instead.
  for (Time t = seconds(9000); t - seconds(100) < days(5); t += seconds(4200)) expected.push_back(t);
  CHECK(w.net.times() == expected);
  // 5 + the 101 scans 9000, 13200, ..., 429,000 s; at the next, 433,200 s (age 433,100 s), it expires.
  CHECK(expected.size() == 106);
  CHECK(w.ledger.tenant(0_tenant).expired == 1);
  CHECK(w.ledger.tenant(0_tenant).delay_notices == 0);  // Postfix default: no delay warning
}

TEST_CASE("the doubling schedule retries at 0, 300, 900, 2100, 4500, 8500, 12500 s", "[provider]") {
  World w(config(RetryPolicy::doubling()));
  w.net.rule = [](const Message&, Time) { return tempfail_421(); };
  w.send_at(0, legit());
  w.sim.run_until(seconds(12500));
  // Cumulative sums of 300, 600, 1200, 2400, 4000, 4000.
  CHECK(w.net.times() == std::vector<Time>{0, seconds(300), seconds(900), seconds(2100), seconds(4500),
                                           seconds(8500), seconds(12500)});
}

TEST_CASE("a 6 h 421 outage with a 5-day queue loses nothing", "[provider]") {
  World w(config(RetryPolicy::fope2012()));
  outage_stream(w);
  w.sim.run_until(days(10));
  w.finish();

  const DeliveryCounts& c = w.ledger.tenant(0_tenant);
  CHECK(c.sent == kStream);
  CHECK(c.delivered == kStream);
  CHECK(c.expired == 0);
  CHECK(c.legit_lost == 0);
  // The destination lane (provider.hpp), by hand. Every message gets its first attempt when it is
  // created (421 until 6 h). Message 0's 421 opens the lane, retry at 20 min. Messages at 7 and
  // 14 min are deferred too: 3 deferrals in a row. The pass at 20 min tries message 0 (4) and
  // message 1 (5 = dead_after): the destination is dead. From then on each retry (40, 60, ...,
  // 340 min: 16) tries message 0 alone, while new mail still gets its own first attempt. The probe
  // at 360 min (6 h exactly: the gateway accepts from 6 h) is accepted, so the pass goes on and
  // flushes the rest at once (no connection limit): every message of the outage, c = 0 .. 357, is
  // delivered at 360 min. Mail created after it (c >= 364) is delivered by its first attempt.
  // (A queue that retried each message on its own 20-min grid delivered c = 7 at 367 min.)
  std::vector<Time> delivered_at(kStream, -1);
  for (const ScriptedNetwork::Call& call : w.net.calls)
    if (call.cls == ReplyClass::Accept) delivered_at[call.tag] = call.time;
  for (int i = 0; i < kStream; ++i) {
    const Time created = minutes(7 * i);
    CHECK(delivered_at[static_cast<std::size_t>(i)] == (created >= kOutageEnd ? created : kOutageEnd));
  }
  // Gateway calls: 69 first attempts, 2 at 20 min, 16 probes, 52 at 360 min: 139. The 421s among
  // them: the 52 first attempts during the outage, the 2 at 20 min and the 16 probes: 70. Retries
  // (attempts of mail already tried once): 2 + 16 + 52 = 70, where a per-message queue made 17 + 18
  // + ... retries, one per queued message every 20 min.
  CHECK(w.net.calls.size() == 139);
  CHECK(c.deferred_attempts == 70);
  CHECK(w.provider->retries() == 70);
  CHECK(w.provider->attempts() == 139);
  // Latency: longest c = 0 (360 min = 21600 s); shortest after the outage 0 s (delivered at once).
  CHECK(c.latency_s.max() == 21600);
  CHECK(c.latency_s.min() == 0);
  // Delay notices are settled at each visit of the lane, before its pass: by the last visit
  // (360 min) every message created at c <= 360 - 120 = 240 min is 2 h old: c = 7i, i = 0..34
  // (7 * 34 = 238): 35 notices. c = 245 is 115 min old when the flush delivers it: no notice.
  // (Per-message retries gave 38: c = 245, 252, 259 were warned at their own retries at age 2 h.)
  CHECK(c.delay_notices == 35);
  // The pair's outage: opened by the first 421 at 0, closed by the first 250 at 6 h.
  REQUIRE(w.ledger.outages().size() == 1);
  CHECK(w.ledger.outages()[0].start == 0);
  CHECK(w.ledger.outages()[0].end == kOutageEnd);
  CHECK(w.provider->lane_count() == 1);
  CHECK(w.provider->busy_lanes() == 0);
}

TEST_CASE("with a 2-hour queue lifetime the outage loses a hand-counted share", "[provider]") {
  RetryPolicy retry = RetryPolicy::fope2012();
  retry.lifetime = hours(2);
  World w(config(retry));
  outage_stream(w);
  w.sim.run_until(days(1));
  w.finish();

  // The lane retries every 20 min from the first 421 at 0 (as above: dead from the pass at 20 min,
  // one probe per retry after it). A retry at v first expires every message with v - c >= 120 min.
  // The retry at 360 min is the first the gateway accepts: it expires c <= 240, i.e. c = 7i for
  // i = 0..34 (7 * 34 = 238): 35 lost; its probe (c = 245) is accepted and the pass flushes the 17
  // outage messages c = 245 .. 357, plus the 17 sent after the outage: 34 delivered.
  // (Retrying each message on its own grid lost c < 260: 38, and delivered 31.)
  const DeliveryCounts& c = w.ledger.tenant(0_tenant);
  CHECK(c.expired == 35);
  CHECK(c.delivered == 34);
  CHECK(c.legit_lost == 35);
  CHECK(c.queued_at_end == 0);
  // Expiry comes first at age 2 h, so no message ever gets its 2 h delay notice.
  CHECK(c.delay_notices == 0);
  // Retries of the lost messages: message 0 and 1 at 20 min; message 0 at 40, 60, 80, 100 (it
  // expires at the 120 min retry); then each retry v = 120, 140, ..., 340 (12) probes the oldest
  // message left, the first with c > v - 120: i = 1, 3, 6, 9, 12, 15, 18, 21, 23, 26, 29, 32, all
  // lost: 2 + 4 + 12 = 18. With their 35 first attempts: 53 attempts on lost mail, where a
  // per-message queue made 6 on each of its 38 lost messages: 228.
  std::vector<std::uint32_t> probed;
  std::size_t attempts_of_lost = 0;
  std::size_t retries_of_lost = 0;
  for (const ScriptedNetwork::Call& call : w.net.calls) {
    if (call.tag >= 35) continue;
    ++attempts_of_lost;
    if (call.time == minutes(7 * static_cast<Time>(call.tag))) continue;  // its first attempt
    ++retries_of_lost;
    if (call.time >= minutes(120)) probed.push_back(call.tag);
  }
  CHECK(attempts_of_lost == 53);
  CHECK(retries_of_lost == 18);
  CHECK(probed == std::vector<std::uint32_t>{1, 3, 6, 9, 12, 15, 18, 21, 23, 26, 29, 32});
}

TEST_CASE("a sender that treats 4xx as 5xx loses exactly the mail attempted during the outage",
          "[provider]") {
  RetryPolicy retry = RetryPolicy::fope2012();
  retry.tempfail_is_permanent = true;
  World w(config(retry));
  outage_stream(w);
  w.sim.run_until(days(1));
  w.finish();

  const DeliveryCounts& c = w.ledger.tenant(0_tenant);
  CHECK(c.rejected == kDuringOutage);             // 52: every message first attempted before 6 h
  CHECK(c.delivered == kStream - kDuringOutage);  // 17
  CHECK(c.deferred_attempts == kDuringOutage);    // each got exactly one 421
  CHECK(w.net.calls.size() == static_cast<std::size_t>(kStream));  // nobody retried
  CHECK(c.latency_s.max() == 0);
}

TEST_CASE("a 5xx bounces at once and an accept delivers at once", "[provider]") {
  World w(config(RetryPolicy::fope2012()));
  w.net.rule = [](const Message& m, Time) { return m.gateway == 1 ? reject_550() : SmtpReply::accept(); };
  w.send_at(minutes(1), legit(0_gateway));
  w.send_at(minutes(2), legit(1_gateway));
  w.sim.run();
  CHECK(w.ledger.gateway(0_gateway).delivered == 1);
  CHECK(w.ledger.gateway(1_gateway).rejected == 1);
  CHECK(w.net.calls.size() == 2);
  CHECK(w.ips[0].attempts == 1);
  CHECK(w.ips[0].delivered == 1);  // first attempt: IP 0, accepted
  CHECK(w.ips[1].attempts == 1);
  CHECK(w.ips[1].delivered == 0);
  CHECK(w.messages.live() == 0);
}

TEST_CASE("collect_queued returns exactly the deferred messages", "[provider]") {
  World w(config(RetryPolicy::fope2012()));
  // Gateway 0 defers, gateway 1 accepts.
  w.net.rule = [](const Message& m, Time) { return m.gateway == 0 ? tempfail_421() : SmtpReply::accept(); };
  for (int i = 0; i < 5; ++i) w.send_at(minutes(i), legit(static_cast<GatewayIndex>(i % 2)));
  w.sim.run_until(hours(1));
  std::vector<const Message*> q;
  w.provider->collect_queued(q);
  // i = 0, 2, 4 went to gateway 0.
  REQUIRE(q.size() == 3);
  CHECK(w.provider->queued() == 3);
  for (const Message* m : q) CHECK(m->gateway == 0);
  // A queued message counts every attempt made on it, its lane's retries too: together, every
  // deferral gateway 0 answered, more than one a message.
  std::size_t attempts = 0;
  for (const Message* m : q) attempts += m->attempts;
  std::size_t deferrals = 0;
  for (const auto& call : w.net.calls) deferrals += call.cls == ReplyClass::Tempfail ? 1 : 0;
  CHECK(deferrals > q.size());
  CHECK(attempts == deferrals);
  w.finish();
  CHECK(w.ledger.gateway(0_gateway).queued_at_end == 3);
  CHECK(w.ledger.gateway(1_gateway).delivered == 2);
}

TEST_CASE("a tenant without a pool is a wiring error", "[provider]") {
  World w(config(RetryPolicy::fope2012()), 3);
  Message m = legit(0_gateway, 2_tenant);
  m.tenant = 5_tenant;  // never assigned
  const MessageId id = w.messages.create(m);
  CHECK_THROWS_AS(w.provider->submit(id), std::logic_error);
}

TEST_CASE("messages deferred at least once do not depend on the senders sharing the queue", "[provider]") {
  // A dead destination (every attempt 421) and a queue shared by tenants 0 and 1. Tenant 0 sends
  // 3 messages; alone, or with tenant 1's 40 more to the same gateway. The shared lane probes its
  // oldest message at each retry, so how many attempts tenant 0's mail gets depends on its
  // neighbour; how many of its messages were ever deferred does not: all 3, by hand.
  const auto run = [](bool neighbour) {
    World w(config(RetryPolicy::fope2012()));
    w.net.rule = [](const Message&, Time) { return tempfail_421(); };
    if (neighbour)
      for (int k = 0; k < 40; ++k) w.send_at(seconds(k), legit(0_gateway, 1_tenant));
    for (int k = 0; k < 3; ++k) w.send_at(minutes(10 + k), legit(0_gateway, 0_tenant));
    w.sim.run_until(days(1));
    return w.ledger.tenant(0_tenant);
  };
  const DeliveryCounts alone = run(false), shared = run(true);
  CHECK(alone.deferred_messages == 3);
  CHECK(shared.deferred_messages == 3);
  CHECK(alone.deferred_attempts != shared.deferred_attempts);
}
