// The provider's own gates (outbound filter, faults, connection limit, abuse and support desks) and
// conservation of messages over a randomized busy run.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "index_literals.hpp"
#include "provider_fixture.hpp"
#include "sim/distributions.hpp"

using namespace repsim::models;
using namespace repsim::models::index_literals;
using namespace repsim::models::testing;
using namespace repsim::sim;

namespace {

ProviderConfig base() {
  ProviderConfig cfg;
  cfg.id = std::string("p");  // assigning the literal trips a GCC 12 -Wrestrict false positive
  return cfg;
}

}  // namespace

TEST_CASE("an outbound filter with catch rate 1 stops all spam and no legit mail", "[provider]") {
  ProviderConfig cfg = base();
  cfg.filter.catch_rate = 1.0;
  World w(cfg);
  for (int i = 0; i < 10; ++i) w.send_at(minutes(i), i % 2 ? spam() : legit());
  w.sim.run();
  CHECK(w.ledger.tenant(0_tenant).filtered == 5);
  CHECK(w.ledger.tenant(0_tenant).delivered == 5);
  CHECK(w.ledger.tenant(0_tenant).spam_accepted == 0);
  CHECK(w.ledger.tenant(0_tenant).legit_lost == 0);  // filtered spam is not legit blocked
  CHECK(w.net.calls.size() == 5);                    // filtered mail never reaches a gateway
  CHECK(w.provider->abuse_signals(0_tenant) == 5);   // each catch is an abuse signal
}

TEST_CASE("catch rate 0, or a zero-day campaign, lets all spam out", "[provider]") {
  ProviderConfig cfg = base();
  SECTION("catch rate 0") { cfg.filter.catch_rate = 0.0; }
  SECTION("catch rate 1 but no signature yet") {
    cfg.filter.catch_rate = 1.0;
    cfg.filter.zero_day_leak = 1.0;  // P(caught) = 1 * (1 - 1) = 0
  }
  World w(cfg);
  for (int i = 0; i < 10; ++i) w.send_at(minutes(i), spam());
  w.sim.run();
  CHECK(w.ledger.tenant(0_tenant).filtered == 0);
  CHECK(w.ledger.tenant(0_tenant).spam_accepted == 10);
}

TEST_CASE("a provider fault rejects attachments only within its window", "[provider]") {
  ProviderConfig cfg = base();
  cfg.faults.push_back(ProviderFault{hours(1), hours(2), true});  // 554 5.6.0, [1 h, 2 h)
  World w(cfg);
  // Gateway defers until 1 h 10 min, then accepts.
  w.net.rule = [](const Message&, Time now) {
    return now < minutes(70) ? tempfail_421() : SmtpReply::accept();
  };
  Message att = legit();
  att.has_attachment = true;
  w.send_at(minutes(30), att);      // tag 0: 421 at 30, 50 min; retry at 70 min is inside the fault: 554
  w.send_at(minutes(60), att);      // tag 1: at exactly 1 h: 554 without contacting the gateway
  w.send_at(minutes(90), legit());  // tag 2: no attachment: delivered at 90 min
  w.send_at(minutes(120), att);     // tag 3: the window is half-open: delivered at 2 h
  w.sim.run();

  const DeliveryCounts& c = w.ledger.tenant(0_tenant);
  CHECK(c.rejected == 2);
  CHECK(c.delivered == 2);
  // Gateway saw tag 0 twice (30, 50 min), tags 2 and 3 once each.
  CHECK(w.net.times() == std::vector<Time>{minutes(30), minutes(50), minutes(90), minutes(120)});
  // Outages: the 421 at 30 min opens one (GatewayOutage); the 554 at 60 min finds it open; the 250
  // at 90 min closes it. Nothing else refuses legit mail.
  REQUIRE(w.ledger.outages().size() == 1);
  CHECK(w.ledger.outages()[0].end == minutes(90));
  CHECK(w.messages.live() == 0);
}

TEST_CASE("a fault added later with cause ProviderFault opens its own outage", "[provider]") {
  World w(base());
  w.provider->add_fault(ProviderFault{.start = 0,
                                      .end = hours(1),
                                      .attachments_only = false,
                                      .code = 554,
                                      .text = "5.6.0 Corrupt message content"});
  w.send_at(minutes(5), legit());
  w.send_at(hours(1), legit());
  w.sim.run();
  REQUIRE(w.ledger.outages().size() == 1);
  CHECK(w.ledger.outages()[0].cause == BlockCause::ProviderFault);
  CHECK(w.ledger.outages()[0].start == minutes(5));
  CHECK(w.ledger.outages()[0].end == hours(1));
  CHECK(w.ledger.tenant(0_tenant).rejected == 1);
  CHECK(w.ledger.tenant(0_tenant).delivered == 1);
  CHECK(w.ips[0].attempts + w.ips[1].attempts == 1);  // the broken message used no IP
}

TEST_CASE("a partial fault breaks its share of the mail, the same messages on every attempt", "[provider]") {
  World w(base());
  w.provider->add_fault(ProviderFault{.start = 0, .end = days(1), .share = 0.3});
  constexpr int kSent = 2000;
  for (int k = 0; k < kSent; ++k) w.send_at(seconds(30 * k), legit());
  w.sim.run();
  // Binomial(2000, 0.3): mean 600, sd sqrt(2000 x 0.3 x 0.7) = 20.5; within 4 sd.
  const auto& c = w.ledger.tenant(0_tenant);
  CHECK(c.rejected + c.delivered == kSent);
  CHECK(c.rejected >= 600 - 82);
  CHECK(c.rejected <= 600 + 82);
  // Which messages: a property of the message, so a wider fault breaks the same ones and more.
  const ProviderFault narrow{.share = 0.3}, wide{.share = 0.6};
  Message m = legit();
  int narrow_hits = 0, wide_hits = 0;
  for (int k = 0; k < kSent; ++k) {
    m.created = seconds(30 * k);
    if (narrow.hits(m)) {
      ++narrow_hits;
      CHECK(wide.hits(m));
    }
    if (wide.hits(m)) ++wide_hits;
  }
  CHECK(narrow_hits == static_cast<int>(c.rejected));  // the run broke exactly these
  CHECK(wide_hits > narrow_hits);
  CHECK(ProviderFault{.share = 0.0}.matches(m, 0) == false);
  CHECK(ProviderFault{.share = 1.0}.matches(m, 0) == true);
}

TEST_CASE("one connection per destination with 2 s sessions serialises to 0, 2, 4 s", "[provider]") {
  ProviderConfig cfg = base();
  cfg.max_connections_per_destination = 1;
  cfg.session_time = seconds(2);
  World w(cfg);
  for (int i = 0; i < 3; ++i) w.send_at(0, legit(0_gateway));
  w.send_at(0, legit(1_gateway));           // another destination has its own connection
  w.send_at(seconds(3), legit(0_gateway));  // joins the end of the line
  w.sim.run();
  // Gateway 0: A at 0 (session [0, 2)); B books [2, 4); C books [4, 6); D at 3 s books [6, 8).
  // Gateway 1: at 0 at once. Waits: B, C and D once each = 3.
  CHECK(w.net.times() == std::vector<Time>{0, 0, seconds(2), seconds(4), seconds(6)});
  CHECK(w.net.calls[1].tag == 3);
  CHECK(w.net.calls[4].tag == 4);
  CHECK(w.provider->connection_waits() == 3);
  CHECK(w.ledger.totals().deferred_attempts == 0);  // waiting for our own connection is not a 4xx
  CHECK(w.ledger.totals().delivered == 5);
  CHECK(w.ledger.tenant(0_tenant).latency_s.max() == 4);  // C: created 0, delivered 4 s (D waited 3 s)
  // Events: 5 submissions + 3 wake-ups, nothing else (each waiter wakes exactly once).
  CHECK(w.sim.events_handled() == 8);
}

TEST_CASE("two connections with 2 s sessions take five messages at 0, 0, 2, 2, 4 s", "[provider]") {
  OutboundConnections c(2, seconds(2));
  // Lanes: [0,2) [0,2) | [2,4) [2,4) | [4,6).
  CHECK(c.book(0_gateway, 0) == 0);
  CHECK(c.book(0_gateway, 0) == 0);
  CHECK(c.book(0_gateway, 0) == seconds(2));
  CHECK(c.book(0_gateway, 0) == seconds(2));
  CHECK(c.book(0_gateway, 0) == seconds(4));
  CHECK(c.booked(0_gateway) == 5);
  // At 5 s the four sessions ending at 2 and 4 s are over; [4, 6) is open: one slot is free now.
  CHECK(c.book(0_gateway, seconds(5)) == seconds(5));
  // Both busy (to 6 s and 7 s): the next waits for the one ending first.
  CHECK(c.book(0_gateway, seconds(5)) == seconds(6));
  CHECK(c.book(1_gateway, seconds(5)) == seconds(5));  // another destination is independent
  OutboundConnections unlimited(0, seconds(2));
  for (int i = 0; i < 100; ++i) CHECK(unlimited.book(0_gateway, 7) == 7);
}

TEST_CASE("next_free says what book would answer, without booking", "[provider]") {
  OutboundConnections c(2, seconds(2));
  CHECK(c.next_free(0_gateway, 0) == 0);  // nothing booked
  c.book(0_gateway, 0);                   // [0, 2)
  CHECK(c.next_free(0_gateway, 0) == 0);  // one of two busy
  c.book(0_gateway, 0);                   // [0, 2)
  CHECK(c.next_free(0_gateway, 0) == seconds(2));
  CHECK(c.next_free(0_gateway, seconds(1)) == seconds(2));
  CHECK(c.next_free(0_gateway, seconds(2)) == seconds(2));  // a session ending now frees its slot
  CHECK(c.booked(0_gateway) == 2);                          // asking booked nothing
  CHECK(c.book(0_gateway, 0) == seconds(2));                // and book agrees
  CHECK(c.next_free(1_gateway, 0) == 0);                    // another destination
  CHECK(OutboundConnections(0, seconds(2)).next_free(0_gateway, 5) == 5);
}

TEST_CASE("next_free agrees with counting the open sessions, through bursts and lulls", "[provider]") {
  // Three connections of 2 s. A free slot exists exactly when fewer than three booked sessions end
  // after now; otherwise the answer is the third-latest end (each connection's last booking).
  OutboundConnections c(3, seconds(2));
  std::vector<Time> ends;  // every booking ever made, for the count
  RandomStream r(42);
  Time now = 0;
  for (int i = 0; i < 5000; ++i) {
    now += r.below(4) == 0 ? seconds(static_cast<std::int64_t>(r.below(30))) : 0;  // a lull or a burst
    std::vector<Time> open;
    for (Time e : ends)
      if (e > now) open.push_back(e);
    std::sort(open.begin(), open.end());
    const Time expected = open.size() < 3 ? now : open[open.size() - 3];
    REQUIRE(c.next_free(0_gateway, now) == expected);
    if (r.below(3) != 0) {
      REQUIRE(c.book(0_gateway, now) == expected);
      ends.push_back(expected + seconds(2));
    }
  }
}

TEST_CASE("the abuse desk suspends a spamming tenant after its delay", "[provider]") {
  ProviderConfig cfg = base();
  cfg.filter.catch_rate = 1.0;
  cfg.abuse_desk = AbuseDesk{true, 3, hours(1)};
  World w(cfg);
  std::vector<std::pair<TenantIndex, Time>> suspended;
  w.provider->on_tenant_suspended([&](TenantIndex t, Time at) { suspended.emplace_back(t, at); });
  for (int i = 0; i < 3; ++i) w.send_at(minutes(i), spam());  // 3rd signal at 2 min -> suspend at 62 min
  w.send_at(minutes(61), legit());                            // before: delivered
  w.send_at(minutes(63), legit());                            // after: filtered
  w.send_at(minutes(63), legit(0_gateway, 1_tenant));         // another tenant: delivered
  w.sim.run();
  REQUIRE(suspended.size() == 1);
  CHECK(suspended[0] == std::pair<TenantIndex, Time>{0_tenant, minutes(62)});
  CHECK(w.provider->suspended(0_tenant));
  CHECK_FALSE(w.provider->suspended(1_tenant));
  CHECK(w.ledger.tenant(0_tenant).filtered == 4);
  CHECK(w.ledger.tenant(0_tenant).delivered == 1);
  CHECK(w.ledger.tenant(0_tenant).legit_lost == 1);
  CHECK(w.ledger.tenant(1_tenant).delivered == 1);
}

TEST_CASE("complaints reported to a disabled desk suspend nobody", "[provider]") {
  World w(base());
  w.provider->report_complaints(0_tenant, 1000);
  w.sim.run();
  CHECK(w.provider->abuse_signals(0_tenant) == 1000);
  CHECK_FALSE(w.provider->suspended(0_tenant));
}

TEST_CASE("the support desk answers a ticket after its delay with its stance", "[provider]") {
  ProviderConfig cfg = base();
  cfg.support_desk.response_delay = hours(30);
  cfg.support_desk.stance = SupportStance::Reroute;
  cfg.support_desk.reroute_to = 1_provider;
  World w(cfg);
  std::vector<TicketAnswer> answers;
  w.sim.schedule_at(hours(2), [&](Simulation&) {
    w.provider->file_ticket(1_tenant, [&](const TicketAnswer& a) { answers.push_back(a); });
  });
  w.sim.run_until(hours(32) - 1);
  CHECK(answers.empty());
  w.sim.run_until(hours(32));
  REQUIRE(answers.size() == 1);
  CHECK(answers[0].tenant == 1);
  CHECK(answers[0].stance == SupportStance::Reroute);
  CHECK(answers[0].filed == hours(2));
  CHECK(answers[0].answered == hours(32));
}

TEST_CASE("provider config validation", "[provider]") {
  ProviderConfig cfg = base();
  cfg.filter.catch_rate = 1.5;
  CHECK_THROWS_WITH(cfg.validate(), Catch::Contains("catch_rate"));
  cfg = base();
  cfg.retry.backoff = 0.0;
  CHECK_THROWS_WITH(cfg.validate(), Catch::Contains("backoff"));
  cfg = base();
  cfg.faults.push_back(ProviderFault{hours(2), hours(1)});
  CHECK_THROWS_AS(cfg.validate(), std::invalid_argument);
  cfg = base();
  cfg.support_desk.stance = SupportStance::EscalateToVendor;  // with no vendor to escalate to
  CHECK_THROWS_WITH(cfg.validate(), Catch::Contains("support_desk.vendor"));
  cfg.support_desk.stance = SupportStance::Reroute;  // with nowhere to reroute to
  CHECK_THROWS_WITH(cfg.validate(), Catch::Contains("support_desk.reroute_to"));
  CHECK_NOTHROW(base().validate());
}

TEST_CASE("conservation over a randomized busy run", "[provider]") {
  ProviderConfig cfg = base();
  cfg.retry = RetryPolicy::postfix();
  cfg.retry.lifetime = days(1);
  cfg.retry.delay_notice = hours(4);
  cfg.max_connections_per_destination = 2;
  cfg.filter.catch_rate = 0.5;
  cfg.faults.push_back(ProviderFault{hours(10), hours(14), true});
  World w(cfg, 3, 3);

  // 3000 messages at random times over 3 days, random tenant, gateway, kind, attachment.
  RandomStream draws(7);
  constexpr int kMessages = 3000;
  for (int i = 0; i < kMessages; ++i) {
    Message m = legit(static_cast<GatewayIndex>(draws.below(3)), static_cast<TenantIndex>(draws.below(3)));
    if (bernoulli(draws, 0.2)) m.kind = MessageKind::Spam;
    m.has_attachment = bernoulli(draws, 0.3);
    w.send_at(static_cast<Time>(draws.below(static_cast<std::uint64_t>(days(3)))), m);
  }
  // Replies: 50% accept, 40% tempfail, 10% reject; gateway 2 defers everything from day 2 on, longer
  // than the 1-day lifetime, so mail expires and mail is still queued at the end. The fake
  // remembers which tags got a final answer.
  RandomStream replies(11);
  std::set<std::uint32_t> answered_finally;
  bool attempted_after_final = false;
  w.net.rule = [&](const Message& m, Time now) {
    if (answered_finally.count(m.envelope_from)) attempted_after_final = true;
    if (m.gateway == 2 && now >= days(2)) return tempfail_421();
    const double u = replies.uniform01();
    if (u < 0.5 || u >= 0.9) answered_finally.insert(m.envelope_from);
    return u < 0.5 ? SmtpReply::accept() : (u < 0.9 ? tempfail_421() : reject_550());
  };
  w.sim.run_until(days(3) + hours(12));  // some mail is still queued
  w.finish();

  CHECK_FALSE(attempted_after_final);
  std::size_t accepted = 0;
  std::size_t rejected_by_gateway = 0;
  for (const ScriptedNetwork::Call& c : w.net.calls) {
    accepted += c.cls == ReplyClass::Accept;
    rejected_by_gateway += c.cls == ReplyClass::Reject;
  }
  const DeliveryCounts sum = w.ledger.totals();
  CHECK(sum.sent == kMessages);
  CHECK(sum.finished() + sum.queued_at_end == kMessages);
  CHECK(sum.delivered == accepted);
  CHECK(sum.rejected >= rejected_by_gateway);  // plus the fault's bounces
  CHECK(sum.queued_at_end == w.provider->queued());
  CHECK(sum.queued_at_end > 0);
  CHECK(sum.expired > 0);
  CHECK(sum.filtered > 0);
  CHECK(sum.delay_notices > 0);
  // The provider takes each message out of the pool: queued mail is in its lanes.
  CHECK(w.messages.live() == 0);

  // The queue holds no tag that already got its final answer, and no tag twice.
  std::vector<const Message*> queued;
  w.provider->collect_queued(queued);
  std::set<std::uint32_t> queued_tags;
  for (const Message* m : queued) {
    CHECK(answered_finally.count(m->envelope_from) == 0);
    queued_tags.insert(m->envelope_from);
  }
  CHECK(queued_tags.size() == queued.size());

  for (TenantIndex t{0}; t < 3; ++t)
    CHECK(w.ledger.tenant(t).sent == w.ledger.tenant(t).finished() + w.ledger.tenant(t).queued_at_end);
  for (GatewayIndex g{0}; g < 3; ++g)
    CHECK(w.ledger.gateway(g).sent == w.ledger.gateway(g).finished() + w.ledger.gateway(g).queued_at_end);
  for (auto [t, g] : w.ledger.pairs())
    CHECK(w.ledger.pair(t, g).sent == w.ledger.pair(t, g).finished() + w.ledger.pair(t, g).queued_at_end);

  // Per-IP volume is the gateway's view: every call, every accept.
  CHECK(w.ips[0].attempts + w.ips[1].attempts == w.net.calls.size());
  CHECK(w.ips[0].delivered + w.ips[1].delivered == accepted);
}
