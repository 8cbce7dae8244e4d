#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "index_literals.hpp"
#include "models/operator.hpp"

using namespace repsim;
using namespace repsim::models;
using namespace repsim::models::index_literals;
using sim::hours;
using sim::minutes;

namespace {

// Records what the operator does instead of changing a world.
struct RecordingSink final : ActionSink {
  struct Applied {
    sim::Time time;
    Actor actor;
    std::string what;
  };
  sim::Simulation* sim = nullptr;
  std::vector<Applied> applied;
  std::vector<Event> logged;
  std::vector<Action> actions;
  void apply(const Action& a, Actor actor) override {
    applied.push_back({sim->now(), actor, std::string(action_name(a))});
    actions.push_back(a);
  }
  void emit(Event e) override {
    e.time = sim->now();
    logged.push_back(std::move(e));
  }
};

// Wed 2012-05-09 00:00 local (-04:00) is sim time 0.
const sim::Calendar kCal = sim::Calendar::parse("2012-05-09T00:00:00-04:00");

OperatorConfig admins(Playbook p, sim::Time mean = hours(2)) {
  OperatorConfig c;
  c.id = "admins";
  c.response_mean = mean;
  c.response_cv = 0;  // deterministic delays for hand checks
  c.playbooks.push_back(std::move(p));
  return c;
}

Playbook on_ticket(Action a, double probability = 1.0) {
  Playbook p;
  p.when.kind = TriggerKind::TicketReceived;
  p.action = std::move(a);
  p.probability = probability;
  return p;
}

}  // namespace

TEST_CASE("a ticket filed Friday 17:00 is first acted on Monday", "[operator]") {
  sim::Simulation s;
  RecordingSink sink;
  sink.sim = &s;
  Operator op(0_operator, admins(on_ticket(SetThreshold{0_gateway, -1.0})), s, kCal, sink,
              sim::RandomStream(1));
  // Fri 11 May 17:00 = 2 days 17 h after Wed 00:00. Office hours Mon-Fri 09-17: the first look is
  // Mon 14 May 09:00 (5 d 9 h), the action two working hours later, 11:00 (5 d 11 h).
  s.schedule_at(hours(2 * 24 + 17),
                [&](sim::Simulation&) { op.on_ticket(FileTicket{.to = 0_operator, .subject = "please"}); });
  s.run();
  REQUIRE(sink.applied.size() == 1);
  CHECK(sink.applied[0].time == hours(5 * 24 + 11));
  CHECK(sink.applied[0].actor == Actor{ActorKind::Operator, 0});
  CHECK(sink.applied[0].what == "set_threshold");
  REQUIRE(sink.logged.size() == 1);
  CHECK(sink.logged[0].kind == EventKind::TicketReceived);
  CHECK(sink.logged[0].time == hours(2 * 24 + 17));
  CHECK(sink.logged[0].op == 0_operator);
  CHECK(sink.logged[0].text == "please");
  CHECK(kCal.weekday(sink.applied[0].time) == sim::Weekday::Monday);
}

TEST_CASE("a delay that runs past closing time continues the next working morning", "[operator]") {
  sim::Simulation s;
  RecordingSink sink;
  sink.sim = &s;
  Operator op(0_operator, admins(on_ticket(Note{"x"}), hours(3)), s, kCal, sink, sim::RandomStream(1));
  // Wed 16:00 + 3 h = 19:00, outside hours -> Thu 09:00 (1 d 9 h).
  s.schedule_at(hours(16),
                [&](sim::Simulation&) { op.on_ticket(FileTicket{.to = 0_operator, .subject = ""}); });
  s.run();
  REQUIRE(sink.applied.size() == 1);
  CHECK(sink.applied[0].time == hours(24 + 9));
  CHECK(op.action_time(hours(10), hours(1)) == hours(11));  // inside hours: plain addition
}

TEST_CASE("most recipients never allowlist: probability 0 always declines, logged", "[operator]") {
  sim::Simulation s;
  RecordingSink sink;
  sink.sim = &s;
  Operator op(0_operator, admins(on_ticket(Allowlist{0_gateway, 3_tenant, kNone}, 0.0)), s, kCal, sink,
              sim::RandomStream(1));
  s.schedule_at(hours(10), [&](sim::Simulation&) {
    op.on_ticket(FileTicket{.to = 0_operator, .subject = "allowlist us"});
  });
  s.run();
  CHECK(sink.applied.empty());
  REQUIRE(sink.logged.size() == 2);
  CHECK(sink.logged[1].kind == EventKind::Declines);
  CHECK(sink.logged[1].actor == Actor{ActorKind::Operator, 0});
  CHECK(sink.logged[1].text == "allowlist");
}

TEST_CASE("a ticket's playbook without a tenant acts on the tenant the ticket is about", "[operator]") {
  sim::Simulation s;
  RecordingSink sink;
  sink.sim = &s;
  Operator op(0_operator, admins(on_ticket(Allowlist{0_gateway, kNone, kNone})), s, kCal, sink,
              sim::RandomStream(1));
  s.schedule_at(hours(10), [&](sim::Simulation&) {
    op.on_ticket(FileTicket{.to = 0_operator, .tenant = 2_tenant, .subject = "allowlist us"});
  });
  s.run();
  REQUIRE(sink.logged.size() == 1);
  CHECK(sink.logged[0].kind == EventKind::TicketReceived);
  CHECK(sink.logged[0].tenant == 2_tenant);
  REQUIRE(sink.actions.size() == 1);
  const auto* allow = std::get_if<Allowlist>(&sink.actions[0]);
  REQUIRE(allow != nullptr);
  CHECK(allow->tenant == 2_tenant);
  CHECK(allow->gateway == 0_gateway);
  CHECK(sink.applied[0].time == hours(12));  // Wed 10:00 + 2 working hours
}

TEST_CASE("an allowlist probability is honoured over many operators", "[operator]") {
  // 2000 independent operators with p = 0.3: acts ~ Binomial(2000, 0.3), mean 600, sd 20.5.
  sim::Simulation s;
  RecordingSink sink;
  sink.sim = &s;
  std::vector<std::unique_ptr<Operator>> ops;
  const sim::StreamFactory streams(9);
  for (int i = 0; i < 2000; ++i)
    ops.push_back(std::make_unique<Operator>(
        OperatorIndex{i}, admins(on_ticket(Allowlist{0_gateway, 1_tenant, kNone}, 0.3)), s, kCal, sink,
        streams.stream(static_cast<std::uint64_t>(i), "operator")));
  s.schedule_at(hours(10), [&](sim::Simulation&) {
    for (auto& op : ops) op->on_ticket(FileTicket{.to = 0_operator, .subject = ""});
  });
  s.run();
  CHECK(std::abs(static_cast<double>(sink.applied.size()) - 600.0) < 4 * 20.5);
}

TEST_CASE("legit_blocked_for fires only when the outage lasts the whole span", "[operator]") {
  sim::Simulation s;
  RecordingSink sink;
  sink.sim = &s;
  Playbook p;
  p.when.kind = TriggerKind::LegitBlockedFor;
  p.when.tenant = 4_tenant;
  p.when.after = hours(24);
  p.action = Allowlist{2_gateway, kNone, kNone};  // tenant left open: filled from the trigger
  OperatorConfig cfg = admins(p, hours(1));
  cfg.hours = sim::WorkingHours::always();
  Operator op(0_operator, cfg, s, kCal, sink, sim::RandomStream(1));

  // Pair (4, 2) blocked from 1 h; pair (5, 2) too, but the trigger names tenant 4 only; a third
  // outage of tenant 4 at another gateway closes after 10 h, before the 24 h span.
  const OutageInterval long_one{4_tenant, 2_gateway, hours(1), sim::kNever, BlockCause::Reputation};
  const OutageInterval other_tenant{5_tenant, 2_gateway, hours(1), sim::kNever, BlockCause::Reputation};
  OutageInterval short_one{4_tenant, 7_gateway, hours(2), sim::kNever, BlockCause::Reputation};
  s.schedule_at(hours(1), [&](sim::Simulation&) {
    op.on_outage(long_one, true);
    op.on_outage(other_tenant, true);
  });
  s.schedule_at(hours(2), [&](sim::Simulation&) { op.on_outage(short_one, true); });
  s.schedule_at(hours(12), [&](sim::Simulation&) {
    short_one.end = hours(12);
    op.on_outage(short_one, false);
  });
  s.run();
  // Watching from 1 h, noticed at 25 h, acts one hour later (always working): 26 h, once.
  REQUIRE(sink.applied.size() == 1);
  CHECK(sink.applied[0].time == hours(26));
  const auto& a = std::get<Allowlist>(sink.actions[0]);
  CHECK(a.tenant == 4_tenant);
  CHECK(a.gateway == 2_gateway);
}

TEST_CASE("spam complaints trigger after the configured count", "[operator]") {
  sim::Simulation s;
  RecordingSink sink;
  sink.sim = &s;
  Playbook p;
  p.when.kind = TriggerKind::SpamComplaints;
  p.when.count = 3;
  p.action = Note{"block"};
  OperatorConfig cfg = admins(p, 0);
  cfg.hours = sim::WorkingHours::always();
  Operator op(0_operator, cfg, s, kCal, sink, sim::RandomStream(1));
  s.schedule_at(hours(1), [&](sim::Simulation&) {
    op.on_spam_accepted(1_tenant, 0_gateway);
    op.on_spam_accepted(2_tenant, 0_gateway);
    op.on_spam_accepted(1_tenant, 0_gateway);
  });
  s.run();
  CHECK(sink.applied.empty());  // tenant 1 has 2 complaints, tenant 2 has 1
  s.schedule_at(hours(2), [&](sim::Simulation&) { op.on_spam_accepted(1_tenant, 0_gateway); });
  s.run();
  REQUIRE(sink.applied.size() == 1);
  CHECK(sink.applied[0].time == hours(2));
}

TEST_CASE("operator configs are validated", "[operator]") {
  sim::Simulation s;
  RecordingSink sink;
  sink.sim = &s;
  OperatorConfig bad = admins(on_ticket(Note{}, 1.5));
  CHECK_THROWS_AS(Operator(0_operator, bad, s, kCal, sink, sim::RandomStream(1)), std::invalid_argument);
  bad = admins(on_ticket(Note{}));
  bad.response_mean = -1;
  CHECK_THROWS_AS(Operator(0_operator, bad, s, kCal, sink, sim::RandomStream(1)), std::invalid_argument);
}
