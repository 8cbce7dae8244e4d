#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/gateway.hpp"

#include "index_literals.hpp"

using namespace repsim::models;
using namespace repsim::models::index_literals;
using repsim::sim::hours;
using repsim::sim::kHour;
using repsim::sim::kMicrosecond;
using repsim::sim::minutes;
using repsim::sim::RandomStream;
using repsim::sim::seconds;
using repsim::sim::Time;

namespace {

// Scores and listings set by hand; records every observation.
class FakeScorer final : public Scorer {
 public:
  struct Seen {
    IpIndex ip;
    Observation o;
    Time now;
  };
  std::map<IpIndex, double> scores;
  std::set<IpIndex> listings;
  std::vector<Seen> seen;

  const std::string& id() const override { return id_; }
  const ScoreScale& scale() const override { return scale_; }
  repsim::models::Publishes publishes() const override { return repsim::models::Publishes::Scores; }
  void observe(IpIndex ip, const Observation& o, Time now) override { seen.push_back({ip, o, now}); }
  repsim::models::SenderStanding standing(IpIndex ip) const override {
    repsim::models::SenderStanding s;
    if (const auto it = scores.find(ip); it != scores.end()) s.score = it->second;
    s.listed = listings.count(ip) != 0;
    return s;
  }
  void restore(IpIndex ip, double s, Time) override { scores[ip] = s; }
  void request_delisting(IpIndex ip, Time) override { listings.erase(ip); }

 private:
  std::string id_ = "fake";
  ScoreScale scale_;
};

Message mail(TenantIndex t, MessageKind kind = MessageKind::Legit) {
  Message m;
  m.tenant = m.header_from = m.envelope_from = t;
  m.gateway = 0_gateway;
  m.provider = 0_provider;
  m.kind = kind;
  return m;
}

Gateway gateway(GatewayConfig cfg, std::vector<Scorer*> scorers = {}, const AuthDirectory* auth = nullptr,
                std::uint64_t seed = 1) {
  return Gateway(0_gateway, std::move(cfg), std::move(scorers), auth, RandomStream(seed));
}

GatewayConfig with_reputation(GatewayPolicy p) {
  GatewayConfig c;
  c.id = "gw";
  c.reputation = 0_scorer;
  c.policy = std::move(p);
  return c;
}

bool same(const Observation& a, const Observation& b) {
  return a.messages == b.messages && a.spam == b.spam && a.complaints == b.complaints &&
         a.trap_hits == b.trap_hits;
}

}  // namespace

TEST_CASE("gateway: an empty policy accepts with 250", "[gateway]") {
  Gateway g = gateway(GatewayConfig{});
  const SmtpReply r = g.receive(mail(0_tenant), 1_ip, 0_provider, 0);
  CHECK(r.accepted());
  CHECK(r.code == 250);
  CHECK(r.cause == BlockCause::None);
}

TEST_CASE("gateway: Good-only defers Neutral 0 until the threshold is lowered to -1", "[gateway]") {
  FakeScorer rep;
  rep.scores[7_ip] = 0.0;  // "Neutral, score 0"
  Gateway g = gateway(with_reputation(good_only_policy(ScoreScale{})), {&rep});
  const SmtpReply r = g.receive(mail(0_tenant), 7_ip, 0_provider, 0);
  CHECK(r.cls == ReplyClass::Tempfail);
  CHECK(r.code == 452);
  CHECK(r.cause == BlockCause::Reputation);
  CHECK(r.text.find("characterized to be unsolicited email") != std::string_view::npos);
  g.set_threshold(-1.0);
  CHECK(g.threshold() == -1.0);
  CHECK(g.receive(mail(0_tenant), 7_ip, 0_provider, seconds(10)).accepted());
  rep.scores[7_ip] = -1.5;  // Poor stays deferred: -1.5 < -1 and below the Good floor
  CHECK(g.receive(mail(0_tenant), 7_ip, 0_provider, seconds(20)).code == 452);
}

TEST_CASE("gateway: graded throttle, 10 per hour then 452 4.5.3, refilled next hour", "[gateway]") {
  FakeScorer rep;
  rep.scores[1_ip] = 0.0;   // [-1, 0]: 10/h
  rep.scores[2_ip] = -2.0;  // [-3, -1): 1/h
  rep.scores[3_ip] = -4.0;  // < -3: refused
  rep.scores[4_ip] = 0.5;   // > 0: accepted
  Gateway g = gateway(with_reputation(graded_policy(ScoreScale{})), {&rep});
  for (int hour = 0; hour < 2; ++hour) {
    const Time h0 = hours(hour);
    // 10 recipients at h0 + 0, 5, ..., 45 min are accepted; the 11th (59:59.999999) is throttled.
    for (int i = 0; i < 10; ++i)
      REQUIRE(g.receive(mail(0_tenant), 1_ip, 0_provider, h0 + minutes(5 * i)).accepted());
    const SmtpReply r = g.receive(mail(0_tenant), 1_ip, 0_provider, h0 + kHour - kMicrosecond);
    CHECK(r.cls == ReplyClass::Tempfail);
    CHECK(r.code == 452);
    CHECK(r.cause == BlockCause::Throttle);
    CHECK(r.text == "4.5.3 Too many recipients this hour");
  }
  CHECK(g.receive(mail(0_tenant), 2_ip, 0_provider, 0).accepted());
  CHECK(g.receive(mail(0_tenant), 2_ip, 0_provider, 1).cause == BlockCause::Throttle);  // 1/h spent
  CHECK(g.receive(mail(0_tenant), 2_ip, 0_provider, kHour).accepted());
  const SmtpReply refused = g.receive(mail(0_tenant), 3_ip, 0_provider, 0);
  CHECK(refused.cls == ReplyClass::Reject);
  CHECK(refused.code == 554);
  CHECK(refused.cause == BlockCause::Reputation);
  for (int i = 0; i < 50; ++i)
    REQUIRE(g.receive(mail(0_tenant), 4_ip, 0_provider, i).accepted());  // no budget above 0
  // Unscored IP 5: 10/h as well.
  int accepted = 0;
  for (int i = 0; i < 15; ++i) accepted += g.receive(mail(0_tenant), 5_ip, 0_provider, i).accepted() ? 1 : 0;
  CHECK(accepted == 10);
}

TEST_CASE("gateway: a blocklist listing refuses 554 even after the threshold is lowered", "[gateway]") {
  FakeScorer rep, bl;
  rep.scores[9_ip] = 5.0;
  bl.listings.insert(9_ip);
  GatewayConfig c = with_reputation(good_only_policy(ScoreScale{}));
  c.blocklist = 1_scorer;
  Gateway g = gateway(c, {&rep, &bl});
  g.set_threshold(-7.0);
  const SmtpReply r = g.receive(mail(0_tenant), 9_ip, 0_provider, 0);
  CHECK(r.cls == ReplyClass::Reject);
  CHECK(r.code == 554);
  CHECK(r.cause == BlockCause::Blocklist);
  bl.listings.clear();
  CHECK(g.receive(mail(0_tenant), 9_ip, 0_provider, 1).accepted());
}

TEST_CASE("gateway: allowlist by domain or IP bypasses reputation and content", "[gateway]") {
  FakeScorer rep;
  rep.scores[7_ip] = -6.0;
  GatewayConfig c = with_reputation(good_only_policy(ScoreScale{}));
  c.content.spam_detection = 1.0;
  c.content.false_positive = 1.0;  // the filter calls everything spam
  Gateway g = gateway(c, {&rep});
  CHECK(g.receive(mail(3_tenant), 7_ip, 0_provider, 0).cause == BlockCause::Reputation);
  g.allowlist_domain(3_tenant);
  CHECK(g.receive(mail(3_tenant), 7_ip, 0_provider, 1).accepted());
  CHECK(g.receive(mail(3_tenant, MessageKind::Spam), 7_ip, 0_provider, 2).accepted());
  CHECK(g.receive(mail(4_tenant), 7_ip, 0_provider, 3).cause ==
        BlockCause::Reputation);  // another domain is not
  // The allowlist reads the From: header: mail of tenant 4 showing domain 3 is let through.
  Message shown_as_3 = mail(4_tenant);
  shown_as_3.header_from = 3_tenant;
  CHECK(g.receive(shown_as_3, 7_ip, 0_provider, 4).accepted());
  rep.scores[8_ip] = 5.0;  // Good score, so only the content filter stands in the way
  CHECK(g.receive(mail(4_tenant), 8_ip, 0_provider, 5).cause == BlockCause::ContentFilter);
  g.allowlist_ip(8_ip);
  g.allowlist_ip(8_ip);  // idempotent
  CHECK(g.config().allowlist_ips == std::vector<IpIndex>{8_ip});
  CHECK(g.receive(mail(4_tenant), 8_ip, 0_provider, 6).accepted());
}

TEST_CASE("gateway: connection limit 2 with 2 s sessions", "[gateway]") {
  GatewayConfig c;
  c.max_connections = 2;
  c.session_time = seconds(2);
  Gateway g = gateway(c);
  CHECK(g.receive(mail(0_tenant), 1_ip, 0_provider, 0).accepted());
  CHECK(g.receive(mail(0_tenant), 2_ip, 0_provider, 0).accepted());
  const SmtpReply r = g.receive(mail(0_tenant), 3_ip, 0_provider, 0);
  CHECK(r.cls == ReplyClass::Tempfail);
  CHECK(r.code == 421);
  CHECK(r.cause == BlockCause::ConnectionLimit);
  CHECK(r.text.rfind("4.3.2 The maximum number of concurrent server connections", 0) == 0);
  CHECK(g.open_connections(0) == 2);
  CHECK(g.receive(mail(0_tenant), 3_ip, 0_provider, seconds(2) - kMicrosecond).code == 421);
  CHECK(
      g.receive(mail(0_tenant), 3_ip, 0_provider, seconds(2)).accepted());  // both t=0 sessions ended at 2 s
}

TEST_CASE("gateway: sessions refused by policy still hold a connection", "[gateway]") {
  FakeScorer rep;
  rep.scores[1_ip] = -6.0;
  GatewayConfig c = with_reputation(neutral_ok_policy(ScoreScale{}));
  c.max_connections = 1;
  Gateway g = gateway(c, {&rep});
  CHECK(g.receive(mail(0_tenant), 1_ip, 0_provider, 0).code == 554);  // connected, then refused
  CHECK(g.receive(mail(0_tenant), 2_ip, 0_provider, seconds(1)).code == 421);
}

TEST_CASE("gateway: outage window (start, end)", "[gateway]") {
  GatewayConfig c;
  c.max_connections = 1;
  c.session_time = seconds(1);
  c.outages.push_back({seconds(10), seconds(20)});  // default 421 4.3.2
  Gateway g = gateway(c);
  CHECK(g.config().outages.empty());  // moved to outages()
  REQUIRE(g.outages().size() == 1);
  CHECK(g.receive(mail(0_tenant), 1_ip, 0_provider, seconds(10) - kMicrosecond).accepted());
  const SmtpReply r = g.receive(mail(0_tenant), 1_ip, 0_provider, seconds(10));
  CHECK(r.cls == ReplyClass::Tempfail);
  CHECK(r.code == 421);
  CHECK(r.cause == BlockCause::GatewayOutage);
  CHECK(g.receive(mail(0_tenant), 1_ip, 0_provider, seconds(20) - kMicrosecond).cause ==
        BlockCause::GatewayOutage);
  // The session opened at 10 s - 1 us ended at 11 s - 1 us, and refused attempts opened none.
  CHECK(g.receive(mail(0_tenant), 1_ip, 0_provider, seconds(20)).accepted());

  g.add_outage(seconds(30), seconds(40), 554, "5.0.0 short");
  const SmtpReply hard = g.receive(mail(0_tenant), 1_ip, 0_provider, seconds(35));
  CHECK(hard.cls == ReplyClass::Reject);
  CHECK(hard.code == 554);
  CHECK(hard.text == "5.0.0 short");
  const char* before = g.outages()[1].text.data();
  for (int i = 0; i < 100; ++i) g.add_outage(hours(100 + i), hours(101 + i));
  CHECK(g.outages()[1].text.data() == before);  // reply texts keep their address
  CHECK_THROWS_AS(g.add_outage(seconds(5), seconds(5)), std::invalid_argument);
  CHECK_THROWS_AS(g.add_outage(seconds(5), seconds(6), 250), std::invalid_argument);
}

TEST_CASE("gateway: outage windows added out of order all refuse, and none after the last", "[gateway]") {
  // receive() skips the window list once no window reaches the time: a window that ends earlier,
  // added after a later one, must not shorten that reach, nor a later one be missed.
  GatewayConfig c;
  c.outages.push_back({hours(10), hours(12)});
  Gateway g = gateway(c);
  g.add_outage(hours(1), hours(2), 450, "4.5.0 early");
  CHECK(g.receive(mail(0_tenant), 1_ip, 0_provider, hours(1)).code == 450);
  CHECK(g.receive(mail(0_tenant), 1_ip, 0_provider, hours(2)).accepted());
  CHECK(g.receive(mail(0_tenant), 1_ip, 0_provider, hours(11)).code == 421);
  CHECK(g.receive(mail(0_tenant), 1_ip, 0_provider, hours(12)).accepted());
  g.add_outage(hours(20), hours(21), 554, "5.0.0 late");
  CHECK(g.receive(mail(0_tenant), 1_ip, 0_provider, hours(20)).code == 554);
  CHECK(g.receive(mail(0_tenant), 1_ip, 0_provider, hours(21)).accepted());
}

TEST_CASE("gateway: DNS failure with probability 1 for one provider only", "[gateway]") {
  GatewayConfig c;
  c.max_connections = 1;
  c.dns.probability = 1.0;
  c.dns.providers = {1_provider};
  Gateway g = gateway(c);
  const SmtpReply r = g.receive(mail(0_tenant), 1_ip, 1_provider, 0);
  CHECK(r.cls == ReplyClass::Tempfail);
  CHECK(r.code == 451);
  CHECK(r.cause == BlockCause::DnsFailure);
  CHECK(r.text.rfind("4.4.3 ", 0) == 0);
  CHECK(g.open_connections(0) == 0);  // the sender never connected
  CHECK(g.receive(mail(0_tenant), 1_ip, 0_provider, 0).accepted());
  GatewayConfig all = c;
  all.dns.providers.clear();  // every sender's resolver fails
  Gateway h = gateway(all);
  CHECK(h.receive(mail(0_tenant), 1_ip, 0_provider, 0).cause == BlockCause::DnsFailure);
  CHECK(h.receive(mail(0_tenant), 1_ip, 5_provider, 0).cause == BlockCause::DnsFailure);
}

TEST_CASE("gateway: content filter with probabilities 0 and 1", "[gateway]") {
  GatewayConfig c;
  c.content.spam_detection = 1.0;
  Gateway g = gateway(c);
  for (int i = 0; i < 100; ++i) {
    const SmtpReply r = g.receive(mail(0_tenant, MessageKind::Spam), 1_ip, 0_provider, i);
    REQUIRE(r.cls == ReplyClass::Reject);
    REQUIRE(r.code == 550);
    REQUIRE(r.cause == BlockCause::ContentFilter);
    REQUIRE(g.receive(mail(0_tenant), 1_ip, 0_provider, i).accepted());  // false_positive 0
  }
  GatewayConfig fp;
  fp.content.false_positive = 1.0;  // detection 0: spam passes, legit is rejected
  Gateway h = gateway(fp);
  for (int i = 0; i < 100; ++i) {
    REQUIRE(h.receive(mail(0_tenant, MessageKind::Spam), 1_ip, 0_provider, i).accepted());
    REQUIRE(h.receive(mail(0_tenant), 1_ip, 0_provider, i).cause == BlockCause::ContentFilter);
  }
}

TEST_CASE("gateway: content filter detection 0.3 over 10^5 spam", "[gateway]") {
  GatewayConfig c;
  c.content.spam_detection = 0.3;
  Gateway g = gateway(c, {}, nullptr, 12345);
  int rejected = 0;
  const int n = 100000;
  for (int i = 0; i < n; ++i)
    rejected += g.receive(mail(0_tenant, MessageKind::Spam), 1_ip, 0_provider, i).accepted() ? 0 : 1;
  // Binomial(1e5, 0.3): mean 30000, sd sqrt(1e5 * 0.3 * 0.7) = 144.9; 4 sd = 580.
  CHECK(std::abs(rejected - 30000) <= 580);
}

TEST_CASE("gateway: sensor observations are reported exactly", "[gateway]") {
  FakeScorer rep, other;
  rep.scores[1_ip] = 5.0;
  rep.scores[2_ip] = -5.0;
  GatewayConfig c = with_reputation(neutral_ok_policy(ScoreScale{}));
  c.reports_to = {0_scorer, 1_scorer};
  c.complaint_rate = 1.0;
  c.max_connections = 100;
  c.dns.probability = 1.0;
  c.dns.providers = {9_provider};
  c.outages.push_back({hours(1), hours(2)});
  c.content.spam_detection = 1.0;
  Gateway g = gateway(c, {&rep, &other});

  CHECK(g.receive(mail(0_tenant), 1_ip, 0_provider, 10).accepted());  // legit accepted: {1, 0, 0, 0}
  CHECK(g.receive(mail(0_tenant, MessageKind::Spam), 1_ip, 0_provider, 20).cause ==
        BlockCause::ContentFilter);  // {1, 1, 0, 0}
  Message trap = mail(0_tenant, MessageKind::Spam);
  trap.to_trap = true;
  CHECK(g.receive(trap, 2_ip, 0_provider, 30).cause ==
        BlockCause::Reputation);  // refused, still seen: {1, 1, 0, 1}
  CHECK(g.receive(mail(0_tenant), 1_ip, 9_provider, 40).cause == BlockCause::DnsFailure);  // not reported
  CHECK(g.receive(mail(0_tenant), 1_ip, 0_provider, hours(1)).cause ==
        BlockCause::GatewayOutage);  // not reported
  g.allowlist_ip(1_ip);
  CHECK(g.receive(trap, 1_ip, 0_provider, 50).accepted());  // accepted spam: complaint 1/1: {1, 1, 1, 1}

  const std::vector<Observation> want = {{1, 0, 0, 0}, {1, 1, 0, 0}, {1, 1, 0, 1}, {1, 1, 1, 1}};
  const std::vector<IpIndex> ips = {1_ip, 1_ip, 2_ip, 1_ip};
  const std::vector<Time> times = {10, 20, 30, 50};
  for (const FakeScorer* s : {&rep, &other}) {
    REQUIRE(s->seen.size() == want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
      CHECK(same(s->seen[i].o, want[i]));
      CHECK(s->seen[i].ip == ips[i]);
      CHECK(s->seen[i].now == times[i]);
    }
  }
}

TEST_CASE("gateway: complaints are a share of accepted spam", "[gateway]") {
  FakeScorer sensor;
  GatewayConfig c;
  c.reports_to = {0_scorer};
  c.complaint_rate = 0.0;
  Gateway g = gateway(c, {&sensor});
  for (int i = 0; i < 100; ++i) g.receive(mail(0_tenant, MessageKind::Spam), 1_ip, 0_provider, i);
  std::uint32_t complaints = 0, spam = 0;
  for (const auto& s : sensor.seen) complaints += s.o.complaints, spam += s.o.spam;
  CHECK(complaints == 0);  // rate 0
  CHECK(spam == 0);        // detection 0: the sensor does not know it is spam
  CHECK(sensor.seen.size() == 100);
}

TEST_CASE("gateway: config validation", "[gateway]") {
  FakeScorer rep;
  GatewayConfig bad_index;
  bad_index.reputation = 3_scorer;
  CHECK_THROWS_AS(gateway(bad_index, {&rep}), std::invalid_argument);
  GatewayConfig null_sensor;
  null_sensor.reports_to = {0_scorer};
  CHECK_THROWS_AS(gateway(null_sensor, {nullptr}), std::invalid_argument);
  GatewayConfig needs_scores;
  needs_scores.policy = good_only_policy(ScoreScale{});  // no reputation scorer to read
  CHECK_THROWS_AS(gateway(needs_scores), std::invalid_argument);
  GatewayConfig bad_p;
  bad_p.content.spam_detection = 1.5;
  CHECK_THROWS_AS(gateway(bad_p), std::invalid_argument);
  GatewayConfig bad_outage;
  bad_outage.outages.push_back({seconds(5), seconds(1)});
  CHECK_THROWS_AS(gateway(bad_outage), std::invalid_argument);
  Gateway plain = gateway(GatewayConfig{});
  CHECK_THROWS_AS(plain.set_threshold(0.0), std::invalid_argument);  // no reputation scorer
  CHECK(std::isinf(plain.threshold()));                              // unchanged
}

TEST_CASE("gateway: deterministic, and DNS draws do not shift content verdicts", "[gateway]") {
  GatewayConfig c;
  c.content.spam_detection = 0.5;
  GatewayConfig flaky = c;
  flaky.dns.probability = 0.5;
  Gateway a = gateway(c, {}, nullptr, 77);
  Gateway b = gateway(c, {}, nullptr, 77);
  Gateway f = gateway(flaky, {}, nullptr, 77);
  std::vector<bool> verdicts_a, verdicts_f;
  for (int i = 0; i < 1000; ++i) {
    const bool ra = a.receive(mail(0_tenant, MessageKind::Spam), 1_ip, 0_provider, i).accepted();
    REQUIRE(ra == b.receive(mail(0_tenant, MessageKind::Spam), 1_ip, 0_provider, i).accepted());
    verdicts_a.push_back(ra);
    const SmtpReply rf = f.receive(mail(0_tenant, MessageKind::Spam), 1_ip, 0_provider, i);
    if (rf.cause != BlockCause::DnsFailure) verdicts_f.push_back(rf.accepted());
  }
  // Content draws come from their own stream: the k-th attempt that gets past DNS at f sees the
  // same verdict as the k-th attempt at a, however many DNS draws came in between.
  REQUIRE(verdicts_f.size() > 300);  // about half of 1000 pass DNS
  REQUIRE(verdicts_f.size() < 700);
  CHECK(std::equal(verdicts_f.begin(), verdicts_f.end(), verdicts_a.begin()));
}
