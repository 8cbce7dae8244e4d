#include <catch2/catch.hpp>

#include <cstdint>
#include <stdexcept>
#include <utility>
#include <vector>

#include "index_literals.hpp"
#include "models/ledger.hpp"

using namespace repsim::models;
using namespace repsim::models::index_literals;
using namespace repsim::sim;

namespace {

Message msg(TenantIndex t, GatewayIndex g, MessageKind kind = MessageKind::Legit, Time created = 0) {
  Message m;
  m.tenant = t;
  m.gateway = g;
  m.kind = kind;
  m.created = created;
  return m;
}

const SmtpReply kTempfail{ReplyClass::Tempfail, 452, BlockCause::Reputation, "4.7.1 untrusted"};
const SmtpReply kReject{ReplyClass::Reject, 554, BlockCause::Blocklist, "5.7.1 listed"};

// Tests of the accounts count single refusals as outages; the cut-off rule has its own tests
// (test_outage_rule.cpp).
constexpr OutageRule kEveryRefusal = OutageRule::every_refusal();

void check_balanced(const DeliveryCounts& c) { CHECK(c.sent == c.finished() + c.queued_at_end); }

}  // namespace

TEST_CASE("on_created counts sent per tenant, gateway and pair", "[ledger]") {
  Ledger l(3, 2);
  l.on_created(msg(2_tenant, 1_gateway));
  l.on_created(msg(2_tenant, 1_gateway));
  l.on_created(msg(0_tenant, 1_gateway));
  CHECK(l.tenant(2_tenant).sent == 2);
  CHECK(l.tenant(0_tenant).sent == 1);
  CHECK(l.tenant(1_tenant).sent == 0);
  CHECK(l.gateway(1_gateway).sent == 3);
  CHECK(l.gateway(0_gateway).sent == 0);
  CHECK(l.pair(2_tenant, 1_gateway).sent == 2);
  CHECK(l.pair(1_tenant, 0_gateway).sent == 0);  // never exchanged mail: zero counts
  // Sorted by (tenant, gateway), whatever the hash map's order.
  CHECK(l.pairs() ==
        std::vector<std::pair<TenantIndex, GatewayIndex>>{{0_tenant, 1_gateway}, {2_tenant, 1_gateway}});
  CHECK_THROWS_AS(l.on_created(msg(3_tenant, 0_gateway)), std::out_of_range);
  CHECK_THROWS_AS(l.on_created(msg(0_tenant, 2_gateway)), std::out_of_range);
}

TEST_CASE("tempfails count as deferrals, legit refusals open one outage, an accept closes it", "[ledger]") {
  Ledger l(1, 1, kEveryRefusal);
  std::vector<std::pair<OutageInterval, bool>> seen;
  l.on_outage_change([&](const OutageInterval& o, bool opened) { seen.emplace_back(o, opened); });
  const Message m = msg(0_tenant, 0_gateway);
  l.on_created(m);

  l.on_attempt(m, kTempfail, seconds(10));  // opens: start 10 s, cause Reputation
  l.on_attempt(m, kReject, seconds(20));    // already open: nothing new
  CHECK(l.in_outage(0_tenant, 0_gateway));
  l.on_attempt(m, SmtpReply::accept(), seconds(30));  // closes at 30 s
  CHECK_FALSE(l.in_outage(0_tenant, 0_gateway));
  l.on_attempt(m, kReject, seconds(40));  // a second outage, cause Blocklist, still open

  // Only the 10 s reply was a 4xx; rejects and accepts are not deferrals.
  CHECK(l.tenant(0_tenant).deferred_attempts == 1);
  CHECK(l.gateway(0_gateway).deferred_attempts == 1);
  CHECK(l.pair(0_tenant, 0_gateway).deferred_attempts == 1);
  REQUIRE(l.outages().size() == 2);
  CHECK(l.outages()[0].start == seconds(10));
  CHECK(l.outages()[0].end == seconds(30));
  CHECK(l.outages()[0].cause == BlockCause::Reputation);
  CHECK(l.outages()[1].start == seconds(40));
  CHECK(l.outages()[1].end == kNever);
  CHECK(l.outages()[1].cause == BlockCause::Blocklist);
  // Open outages last until the run end: 100 s - 40 s = 60 s; the closed one 30 - 10 = 20 s.
  CHECK(l.outages()[1].duration(seconds(100)) == seconds(60));
  CHECK(l.outages()[0].duration(seconds(100)) == seconds(20));

  REQUIRE(seen.size() == 3);  // open, close, open
  CHECK(seen[0].second);
  CHECK(seen[0].first.start == seconds(10));
  CHECK_FALSE(seen[1].second);
  CHECK(seen[1].first.end == seconds(30));
  CHECK(seen[2].second);
  CHECK(seen[2].first.cause == BlockCause::Blocklist);
}

TEST_CASE("spam refusals count deferrals but never open an outage", "[ledger]") {
  Ledger l(1, 1, kEveryRefusal);
  const Message s = msg(0_tenant, 0_gateway, MessageKind::Spam);
  l.on_created(s);
  l.on_attempt(s, kTempfail, 0);
  l.on_attempt(s, kReject, 1);
  CHECK(l.tenant(0_tenant).deferred_attempts == 1);
  CHECK(l.outages().empty());
  CHECK_FALSE(l.in_outage(0_tenant, 0_gateway));
  // ...and a spam accept does not close a legit outage either.
  const Message m = msg(0_tenant, 0_gateway);
  l.on_attempt(m, kReject, 2);
  l.on_attempt(s, SmtpReply::accept(), 3);
  CHECK(l.in_outage(0_tenant, 0_gateway));
}

TEST_CASE("outages are per pair", "[ledger]") {
  Ledger l(2, 2, kEveryRefusal);
  l.on_attempt(msg(0_tenant, 0_gateway), kReject, 5);
  l.on_attempt(msg(1_tenant, 0_gateway), SmtpReply::accept(), 6);  // another tenant's delivery closes nothing
  l.on_attempt(msg(0_tenant, 1_gateway), SmtpReply::accept(), 7);  // nor another gateway's
  CHECK(l.in_outage(0_tenant, 0_gateway));
  CHECK_FALSE(l.in_outage(1_tenant, 0_gateway));
  CHECK_FALSE(l.in_outage(0_tenant, 1_gateway));
  CHECK(l.outages().size() == 1);
}

TEST_CASE("on_final sorts every message into exactly one counter", "[ledger]") {
  Ledger l(1, 2);
  const Message legit_fast = msg(0_tenant, 0_gateway, MessageKind::Legit, seconds(100));
  const Message legit_bounced = msg(0_tenant, 0_gateway);
  const Message spam_delivered = msg(0_tenant, 1_gateway, MessageKind::Spam);
  const Message spam_filtered = msg(0_tenant, 1_gateway, MessageKind::Spam);
  const Message legit_expired = msg(0_tenant, 1_gateway);
  const Message legit_filtered = msg(0_tenant, 1_gateway);
  for (const Message* m :
       {&legit_fast, &legit_bounced, &spam_delivered, &spam_filtered, &legit_expired, &legit_filtered})
    l.on_created(*m);

  // Latency in whole seconds, truncated: created 100 s, delivered 190.999999 s -> 90 s.
  l.on_final(legit_fast, FinalState::Delivered, seconds(191) - 1);
  l.on_final(legit_bounced, FinalState::Rejected, seconds(5));
  // 3600 s -> 3600.
  l.on_final(spam_delivered, FinalState::Delivered, hours(1));
  l.on_final(spam_filtered, FinalState::Filtered, 0);
  l.on_final(legit_expired, FinalState::Expired, hours(120));
  l.on_final(legit_filtered, FinalState::Filtered, 0);
  CHECK_THROWS_AS(l.on_final(legit_fast, FinalState::Queued, 0), std::logic_error);

  const DeliveryCounts& t = l.tenant(0_tenant);
  CHECK(t.sent == 6);
  CHECK(t.delivered == 2);
  CHECK(t.rejected == 1);
  CHECK(t.expired == 1);
  CHECK(t.filtered == 2);
  CHECK(t.bounced() == 2);
  CHECK(t.finished() == 6);
  CHECK(t.spam_accepted == 1);
  CHECK(t.legit_lost == 3);  // legit rejected + expired + filtered; filtered spam is not "legit blocked"
  CHECK(t.latency_s.count() == 2);
  CHECK(t.latency_s.min() == 90);
  CHECK(t.latency_s.max() == 3600);

  // Gateway 0 got legit_fast and legit_bounced; gateway 1 the other four.
  CHECK(l.gateway(0_gateway).delivered == 1);
  CHECK(l.gateway(0_gateway).rejected == 1);
  CHECK(l.gateway(0_gateway).legit_lost == 1);
  CHECK(l.gateway(1_gateway).spam_accepted == 1);
  CHECK(l.gateway(1_gateway).filtered == 2);
  CHECK(l.gateway(1_gateway).legit_lost == 2);
  CHECK(l.pair(0_tenant, 1_gateway).expired == 1);
  CHECK(l.pair(0_tenant, 1_gateway).latency_s.max() == 3600);
}

TEST_CASE("a pair's counts, kept in two parts, read as its gateway's when it is the only sender",
          "[ledger]") {
  Ledger l(1, 1);
  std::vector<Message> mail;
  for (int i = 0; i < 9; ++i)
    mail.push_back(msg(0_tenant, 0_gateway, i == 3 ? MessageKind::Spam : MessageKind::Legit, seconds(i)));
  for (const Message& m : mail) l.on_created(m);
  l.on_final(mail[0], FinalState::Delivered, seconds(0));  // at once: 0 s
  l.on_final(mail[1], FinalState::Delivered, seconds(1));  // 0 s
  l.on_attempt(mail[2], kTempfail, seconds(2));            // deferred, then a notice, then late
  l.on_delay_notice(mail[2]);
  l.on_final(mail[2], FinalState::Delivered, hours(3));     // 10798 s
  l.on_final(mail[3], FinalState::Delivered, seconds(40));  // spam accepted, 37 s
  l.on_final(mail[4], FinalState::Rejected, seconds(5));
  l.on_final(mail[5], FinalState::Expired, hours(120));
  l.on_final(mail[6], FinalState::Filtered, seconds(6));
  l.on_attempt(mail[7], kTempfail, seconds(8));
  l.finish({&mail[7], &mail[8]}, seconds(1000));

  const DeliveryCounts p = l.pair(0_tenant, 0_gateway);
  const DeliveryCounts& g = l.gateway(0_gateway);
  using Field = std::uint64_t DeliveryCounts::*;
  const std::vector<std::pair<Field, std::uint64_t>> expected{{&DeliveryCounts::sent, 9},
                                                              {&DeliveryCounts::delivered, 4},
                                                              {&DeliveryCounts::deferred_attempts, 2},
                                                              {&DeliveryCounts::delay_notices, 1},
                                                              {&DeliveryCounts::rejected, 1},
                                                              {&DeliveryCounts::expired, 1},
                                                              {&DeliveryCounts::filtered, 1},
                                                              {&DeliveryCounts::queued_at_end, 2},
                                                              {&DeliveryCounts::legit_lost, 3},
                                                              {&DeliveryCounts::spam_accepted, 1}};
  for (const auto& [field, value] : expected) {
    CHECK(p.*field == value);
    CHECK(g.*field == value);
  }
  CHECK(p.latency_s.count() == 4);
  CHECK(p.latency_s.min() == 0);
  CHECK(p.latency_s.max() == 10798);
  CHECK(p.latency_s.mean() == (10798.0 + 37.0) / 4.0);
  for (double q : {0.0, 0.25, 0.5, 0.75, 1.0}) CHECK(p.latency_s.quantile(q) == g.latency_s.quantile(q));
  check_balanced(p);
}

TEST_CASE("a tenant's counts are its pairs' sum, past the gateways its directory holds", "[ledger]") {
  // Tenant 1 writes to 12 gateways (the ledger finds the first 8 in the tenant's directory, the
  // rest through its index), last gateway first, so neither order nor position matters. Message k
  // goes to gateway 11 - k and is delivered after 10 x (k + 1) seconds; gateway 3 also gets one
  // rejected message and tenant 0 one message to gateway 5.
  Ledger l(2, 12);
  std::vector<Message> m;
  for (std::uint32_t k = 0; k < 12; ++k) m.push_back(msg(1_tenant, GatewayIndex{11 - k}));
  m.push_back(msg(1_tenant, 3_gateway));
  m.push_back(msg(0_tenant, 5_gateway));
  for (const Message& x : m) l.on_created(x);
  for (std::size_t k = 0; k < 12; ++k) l.on_final(m[k], FinalState::Delivered, seconds(10 * (k + 1)));
  l.on_final(m[12], FinalState::Rejected, seconds(5));

  const DeliveryCounts t1 = l.tenant(1_tenant);
  CHECK(t1.sent == 13);
  CHECK(t1.delivered == 12);
  CHECK(t1.rejected == 1);
  CHECK(t1.legit_lost == 1);
  CHECK(t1.latency_s.count() == 12);
  CHECK(t1.latency_s.min() == 10);   // gateway 11, in the directory
  CHECK(t1.latency_s.max() == 120);  // gateway 0, past it
  CHECK(t1.latency_s.mean() == Approx(65.0));
  CHECK(l.tenant(0_tenant).sent == 1);
  CHECK(l.tenant(0_tenant).delivered == 0);
  CHECK(l.pair(1_tenant, 3_gateway).sent == 2);  // past the directory: found again through the index
  CHECK(l.pair(1_tenant, 3_gateway).rejected == 1);
  CHECK(l.pair(1_tenant, 11_gateway).latency_s.max() == 10);
  CHECK(l.pair(0_tenant, 3_gateway).sent == 0);
  CHECK(l.pairs().size() == 13);
  CHECK(l.pairs().front() == std::pair<TenantIndex, GatewayIndex>{0_tenant, 5_gateway});
  CHECK(l.pairs().back() == std::pair<TenantIndex, GatewayIndex>{1_tenant, 11_gateway});
  CHECK(l.totals().sent == 14);
  CHECK(l.totals().latency_s.count() == 12);
}

TEST_CASE("delay notices are counted per tenant, gateway and pair", "[ledger]") {
  Ledger l(1, 1);
  l.on_delay_notice(msg(0_tenant, 0_gateway));
  l.on_delay_notice(msg(0_tenant, 0_gateway));
  CHECK(l.tenant(0_tenant).delay_notices == 2);
  CHECK(l.gateway(0_gateway).delay_notices == 2);
  CHECK(l.pair(0_tenant, 0_gateway).delay_notices == 2);
}

TEST_CASE("finish counts the still queued, sent balances everywhere, totals sum them all", "[ledger]") {
  Ledger l(2, 2);
  // Tenant 0: 3 to gateway 0 (1 delivered, 2 queued); tenant 1: 2 to gateway 1 (1 rejected, 1 queued)
  // and 1 to gateway 0 (delivered after 60 s).
  std::vector<Message> m{msg(0_tenant, 0_gateway), msg(0_tenant, 0_gateway), msg(0_tenant, 0_gateway),
                         msg(1_tenant, 1_gateway), msg(1_tenant, 1_gateway), msg(1_tenant, 0_gateway)};
  for (const Message& x : m) l.on_created(x);
  l.on_final(m[0], FinalState::Delivered, seconds(30));
  l.on_final(m[3], FinalState::Rejected, seconds(30));
  l.on_final(m[5], FinalState::Delivered, seconds(60));
  l.finish({&m[1], &m[2], &m[4]}, seconds(1000));

  CHECK(l.tenant(0_tenant).queued_at_end == 2);
  CHECK(l.tenant(1_tenant).queued_at_end == 1);
  CHECK(l.gateway(0_gateway).queued_at_end == 2);
  CHECK(l.gateway(1_gateway).queued_at_end == 1);
  CHECK(l.pair(1_tenant, 1_gateway).queued_at_end == 1);
  for (TenantIndex t{0}; t < 2; ++t) check_balanced(l.tenant(t));
  for (GatewayIndex g{0}; g < 2; ++g) check_balanced(l.gateway(g));
  for (auto [t, g] : l.pairs()) check_balanced(l.pair(t, g));

  const DeliveryCounts sum = l.totals();
  CHECK(sum.sent == 6);
  CHECK(sum.delivered == 2);
  CHECK(sum.rejected == 1);
  CHECK(sum.queued_at_end == 3);
  CHECK(sum.legit_lost == 1);
  CHECK(sum.latency_s.count() == 2);  // histograms merge: 30 s and 60 s
  CHECK(sum.latency_s.min() == 30);
  CHECK(sum.latency_s.max() == 60);
  check_balanced(sum);
}

TEST_CASE("a hook may feed the ledger again without dangling", "[ledger]") {
  Ledger l(2, 1, kEveryRefusal);
  int calls = 0;
  // Each opening for tenant 0 opens tenant 1's outage too (grows outages_ from inside the hook).
  l.on_outage_change([&](const OutageInterval& o, bool opened) {
    ++calls;
    if (opened && o.tenant == 0) l.on_attempt(msg(1_tenant, 0_gateway), kReject, o.start + 1);
  });
  l.on_attempt(msg(0_tenant, 0_gateway), kReject, 100);
  CHECK(calls == 2);
  REQUIRE(l.outages().size() == 2);
  CHECK(l.outages()[1].tenant == 1);
  CHECK(l.outages()[1].start == 101);
}

TEST_CASE("refusals of a backlog older than delivered mail open no outage", "[ledger]") {
  // After a reroute, new mail (created at 10 h) is delivered while the old queue (mail created at
  // 1 h) keeps being refused on the abandoned route: the pair is not in outage.
  using namespace repsim::models;
  Ledger ledger(1, 1, kEveryRefusal);
  Message old_mail;
  old_mail.tenant = 0_tenant;
  old_mail.gateway = 0_gateway;
  old_mail.created = repsim::sim::hours(1);
  Message new_mail = old_mail;
  new_mail.created = repsim::sim::hours(10);
  SmtpReply refused;
  refused.cls = ReplyClass::Tempfail;
  refused.code = 452;
  refused.cause = BlockCause::Reputation;
  ledger.on_created(old_mail);
  ledger.on_created(new_mail);
  ledger.on_attempt(old_mail, refused, repsim::sim::hours(2));               // opens at 2 h
  ledger.on_attempt(new_mail, SmtpReply::accept(), repsim::sim::hours(10));  // closes at 10 h
  ledger.on_attempt(old_mail, refused, repsim::sim::hours(11));              // older backlog: no new outage
  REQUIRE(ledger.outages().size() == 1);
  CHECK(ledger.outages()[0].start == repsim::sim::hours(2));
  CHECK(ledger.outages()[0].end == repsim::sim::hours(10));
  CHECK_FALSE(ledger.in_outage(0_tenant, 0_gateway));
  Message newer = old_mail;
  newer.created = repsim::sim::hours(12);
  ledger.on_created(newer);
  ledger.on_attempt(newer, refused, repsim::sim::hours(12));  // newer mail refused: a new outage
  CHECK(ledger.outages().size() == 2);
  CHECK(ledger.in_outage(0_tenant, 0_gateway));
}

TEST_CASE("reserved pairs are numbered in the mix's order and counted through Message::pair", "[ledger]") {
  Ledger l(3, 6, kEveryRefusal);
  const std::uint32_t first = l.reserve_pairs(1_tenant, {4_gateway, 2_gateway, 5_gateway});
  REQUIRE(first != kNone);
  // A message that names its pair and one that does not land in the same account.
  Message named = msg(1_tenant, 2_gateway);
  named.pair = first + 1;
  l.on_created(named);
  l.on_created(msg(1_tenant, 2_gateway));
  l.on_final(named, FinalState::Delivered, seconds(7));
  l.on_attempt(named, kTempfail, 0);
  CHECK(l.pair(1_tenant, 2_gateway).sent == 2);
  CHECK(l.pair(1_tenant, 2_gateway).delivered == 1);
  CHECK(l.pair(1_tenant, 2_gateway).deferred_attempts == 1);
  CHECK(l.pair(1_tenant, 2_gateway).latency_s.max() == 7);
  CHECK(l.in_outage(1_tenant, 2_gateway));
  CHECK(l.tenant(1_tenant).sent == 2);
  CHECK(l.gateway(2_gateway).sent == 2);
  // Reserved pairs without mail (1 -> 4, 1 -> 5) did not exchange any.
  CHECK(l.pairs() == std::vector<std::pair<TenantIndex, GatewayIndex>>{{1_tenant, 2_gateway}});
  // The next reservation continues the numbering.
  CHECK(l.reserve_pairs(2_tenant, {0_gateway}) == first + 3);
}

TEST_CASE("a reservation that cannot be consecutive is refused, a wrong pair number is an error",
          "[ledger]") {
  Ledger l(3, 6);
  CHECK(l.reserve_pairs(0_tenant, {1_gateway, 2_gateway, 1_gateway}) == kNone);  // a gateway listed twice
  CHECK(l.reserve_pairs(0_tenant, {1_gateway, 6_gateway}) == kNone);  // a gateway outside the ledger
  CHECK(l.reserve_pairs(3_tenant, {1_gateway}) == kNone);             // a tenant outside the ledger
  CHECK(l.reserve_pairs(0_tenant, {}) == kNone);
  l.on_created(msg(0_tenant, 3_gateway));
  CHECK(l.reserve_pairs(0_tenant, {2_gateway, 3_gateway}) == kNone);  // (0, 3) is numbered already
  const std::uint32_t first = l.reserve_pairs(1_tenant, {3_gateway, 4_gateway});
  REQUIRE(first != kNone);
  Message wrong = msg(0_tenant, 3_gateway);  // tenant 0 naming tenant 1's pair with the same gateway
  wrong.pair = first;
  CHECK_THROWS_AS(l.on_created(wrong), std::out_of_range);
  wrong.pair = first + 100;  // no such pair
  CHECK_THROWS_AS(l.on_created(wrong), std::out_of_range);
  CHECK(l.pair(0_tenant, 3_gateway).sent == 1);  // refused messages count nowhere
  CHECK(l.pair(1_tenant, 3_gateway).sent == 0);
}
