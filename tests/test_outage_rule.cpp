// The cut-off rule (docs/outages.md) at the ledger: quiet gaps, minimum durations, blips, at and
// around their thresholds, with a 2 h gap and a 1 h minimum (the defaults).
#include <catch2/catch.hpp>

#include <utility>
#include <vector>

#include "index_literals.hpp"
#include "models/ledger.hpp"

using namespace repsim::models;
using namespace repsim::models::index_literals;
using namespace repsim::sim;

namespace {

const SmtpReply kDefer{ReplyClass::Tempfail, 451, BlockCause::ProviderFault, "4.3.0 try later"};
const SmtpReply kReject{ReplyClass::Reject, 554, BlockCause::ProviderFault, "5.6.0 corrupt"};

Message legit() {
  Message m;
  m.tenant = 0_tenant;
  m.gateway = 0_gateway;
  return m;
}

}  // namespace

TEST_CASE("a streak is an outage once it lasts min_duration, told then with its true start",
          "[outage_rule]") {
  Ledger l(1, 1);
  std::vector<std::pair<OutageInterval, bool>> told;
  l.on_outage_change([&](const OutageInterval& o, bool opened) { told.emplace_back(o, opened); });
  l.on_attempt(legit(), kReject, hours(1));
  l.on_attempt(legit(), kReject, hours(1) + minutes(59));  // 59 min in: not yet
  CHECK(told.empty());
  CHECK_FALSE(l.in_outage(0_tenant, 0_gateway));
  l.on_attempt(legit(), kReject, hours(2));  // exactly 1 h: an outage from 1 h
  REQUIRE(told.size() == 1);
  CHECK(told[0].second);
  CHECK(told[0].first.start == hours(1));
  CHECK(l.in_outage(0_tenant, 0_gateway));
  l.on_attempt(legit(), SmtpReply::accept(), hours(3));
  REQUIRE(l.outages().size() == 1);
  CHECK(l.outages()[0].end == hours(3));
  CHECK(l.pair(0_tenant, 0_gateway).refusal_blips == 0);
}

TEST_CASE("a streak a delivery ends before min_duration is a blip", "[outage_rule]") {
  Ledger l(1, 1);
  l.on_attempt(legit(), kReject, hours(1));
  l.on_attempt(legit(), SmtpReply::accept(), hours(1) + minutes(59));  // 59 min: a blip
  l.on_attempt(legit(), kReject, hours(3));
  l.on_attempt(legit(), SmtpReply::accept(), hours(4));  // exactly 1 h, ended by the delivery: an outage
  REQUIRE(l.outages().size() == 1);
  CHECK(l.outages()[0].start == hours(3));
  CHECK(l.outages()[0].end == hours(4));
  CHECK(l.pair(0_tenant, 0_gateway).refusal_blips == 1);
  CHECK(l.tenant(0_tenant).refusal_blips == 1);
  CHECK(l.gateway(0_gateway).refusal_blips == 1);
}

TEST_CASE("after a rejection, a pair quiet for longer than the gap was cut off until that rejection",
          "[outage_rule]") {
  Ledger l(1, 1);
  std::vector<std::pair<OutageInterval, bool>> told;
  l.on_outage_change([&](const OutageInterval& o, bool opened) { told.emplace_back(o, opened); });
  // 09:00 to 17:00, a rejection every 30 min; then nothing until 09:00 the next day.
  for (Time t = hours(9); t <= hours(17); t += minutes(30)) l.on_attempt(legit(), kReject, t);
  l.on_attempt(legit(), kReject, hours(24 + 9));  // 16 h later: a new streak
  REQUIRE(l.outages().size() == 1);
  CHECK(l.outages()[0].start == hours(9));
  CHECK(l.outages()[0].end == hours(17));
  REQUIRE(told.size() == 2);  // opened at 10:00, the end seen the next morning
  CHECK_FALSE(told[1].second);
  CHECK(told[1].first.end == hours(17));
  CHECK(l.in_outage(0_tenant, 0_gateway) == false);  // the new streak is 0 h old

  // Exactly the gap keeps a streak going; one microsecond more ends it.
  Ledger g(1, 1);
  g.on_attempt(legit(), kReject, 0);
  g.on_attempt(legit(), kReject, hours(2));                  // gap of exactly 2 h: same streak
  g.on_attempt(legit(), kReject, hours(4) + 1);              // 2 h and 1 us: ends at 2 h
  g.on_attempt(legit(), SmtpReply::accept(), hours(4) + 2);  // the new streak: a blip
  REQUIRE(g.outages().size() == 1);
  CHECK(g.outages()[0].start == 0);
  CHECK(g.outages()[0].end == hours(2));
  CHECK(g.pair(0_tenant, 0_gateway).refusal_blips == 1);
}

TEST_CASE("a delivery after a quiet gap ends the streak at its last rejection", "[outage_rule]") {
  Ledger l(1, 1);
  l.on_attempt(legit(), kReject, 0);
  l.on_attempt(legit(), kReject, minutes(50));
  l.on_attempt(legit(), SmtpReply::accept(), hours(5));  // quiet since 50 min: a 50-min blip
  CHECK(l.outages().empty());
  CHECK(l.pair(0_tenant, 0_gateway).refusal_blips == 1);
}

TEST_CASE("deferred mail waits: no quiet gap ends its streak", "[outage_rule]") {
  Ledger l(1, 1);
  l.on_attempt(legit(), kDefer, hours(17));
  l.on_attempt(legit(), kDefer, hours(24 + 9));  // 16 h without an attempt, but the mail waited
  l.on_attempt(legit(), SmtpReply::accept(), hours(24 + 10));
  REQUIRE(l.outages().size() == 1);
  CHECK(l.outages()[0].start == hours(17));
  CHECK(l.outages()[0].end == hours(24 + 10));
  // A rejection after the deferral makes the streak's end hang on the gap again.
  Ledger r(1, 1);
  r.on_attempt(legit(), kDefer, 0);
  r.on_attempt(legit(), kReject, hours(2));
  r.on_attempt(legit(), SmtpReply::accept(), hours(10));
  REQUIRE(r.outages().size() == 1);
  CHECK(r.outages()[0].end == hours(2));
}

TEST_CASE("finish settles open streaks at the run's end", "[outage_rule]") {
  Ledger l(4, 1);
  Message m[4];
  for (std::uint32_t t = 0; t < 4; ++t) {
    m[t] = legit();
    m[t].tenant = TenantIndex{t};
  }
  l.on_attempt(m[0], kReject, hours(1));      // quiet for 2 h 1 us at the end: ended at 1 h, a blip
  l.on_attempt(m[1], kDefer, hours(1));       // waiting since 1 h, 2 h 1 us by the end: an open outage
  l.on_attempt(m[2], kReject, hours(2));      // 1 h before the end, quiet for 1 h: an open outage
  l.on_attempt(m[3], kReject, hours(2) + 2);  // 1 h less 1 us by the end: a blip
  l.finish({}, hours(3) + 1);
  REQUIRE(l.outages().size() == 2);
  CHECK(l.outages()[0].tenant == 1);
  CHECK(l.outages()[0].end == kNever);
  CHECK(l.outages()[1].tenant == 2);
  CHECK(l.outages()[1].start == hours(2));
  CHECK(l.outages()[1].end == kNever);
  CHECK(l.gateway(0_gateway).refusal_blips == 2);
}
