#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "index_literals.hpp"
#include "io/story.hpp"
#include "writers_fixture.hpp"

using namespace repsim;
using namespace repsim::models::index_literals;

namespace {

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::size_t count_containing(const std::vector<std::string>& lines, const std::string& part) {
  return static_cast<std::size_t>(std::count_if(
      lines.begin(), lines.end(), [&](const std::string& l) { return l.find(part) != std::string::npos; }));
}

}  // namespace

TEST_CASE("the story folds a burst of band changes into one line", "[writers]") {
  auto eco = writers_test::run_world(writers_test::writers_world());
  const std::vector<std::string> lines = io::story_event_lines(*eco);
  // The 17:00 restore moves all 8 IPs of pool "out" from unscored to Poor at one instant: eight log
  // entries, one line; the action itself follows, quoted as logged.
  CHECK(count_containing(lines, "senderbase: 8 out IPs unscored -> Poor") == 1);
  CHECK(std::find(lines.begin(), lines.end(), "Wed 09 May 17:00  senderbase: 8 out IPs unscored -> Poor") !=
        lines.end());
  CHECK(std::find(lines.begin(), lines.end(),
                  "Wed 09 May 17:00  timeline restore_score: senderbase sets all IPs to -5") != lines.end());
  CHECK(count_containing(lines, "(out) unscored -> Poor") == 0);  // no single-IP line for them
  CHECK(count_containing(lines, "beta->strict: outage begins (reputation)") == 1);

  const std::string text = io::story(*eco);
  const auto all = split_lines(text);
  CHECK(all.front().rfind("tiny: Wed 09 May 16:30 + 1d, ", 0) == 0);
  CHECK(count_containing(all, "Key numbers:") == 1);
  const models::DeliveryCounts& a = eco->ledger().tenant(0_tenant);
  CHECK(count_containing(all, "  alpha: sent " + std::to_string(a.sent) + ", delivered " +
                                  std::to_string(a.sent) +
                                  ", bounced 0, queued at end 0, cut off 0.0 h "
                                  "(outages: 0.0 pair-hours)") == 1);
  // beta has one pair, so its cut-off hours are its pair-hours: the one outage's hours.
  REQUIRE(eco->ledger().outages().size() == 1);
  char beta[96];
  const double h = sim::to_hours(eco->ledger().outages()[0].duration(sim::days(1)));
  std::snprintf(beta, sizeof beta, ", cut off %.1f h (outages: %.1f pair-hours)", h, h);
  CHECK(count_containing(all, beta) == 1);
}

TEST_CASE("an outage end says how long it lasted", "[writers]") {
  models::EcosystemConfig c = writers_test::writers_world();
  // "open" refuses every connection from 18:30 to 21:30 (T+2 h .. T+5 h).
  c.timeline.push_back(
      models::TimedAction{sim::hours(2), "", models::GatewayOutage{0_gateway, sim::hours(3)}});
  auto eco = writers_test::run_world(std::move(c));
  const models::OutageInterval* outage = nullptr;
  for (const auto& o : eco->ledger().outages())
    if (o.tenant == 0) outage = &o;
  REQUIRE(outage);
  REQUIRE(outage->end != sim::kNever);
  // Ends at the first delivery from 5 h on, which is after 5 h minus the first refused attempt.
  CHECK(outage->end >= sim::hours(5));
  char hours[32];
  std::snprintf(hours, sizeof hours, "%.1f", sim::to_hours(outage->end - outage->start));
  const auto lines = io::story_event_lines(*eco);
  CHECK(count_containing(lines, "alpha->open: outage begins (gateway_outage)") == 1);
  CHECK(count_containing(lines, eco->calendar().short_text(outage->end) +
                                    "  alpha->open: outage ends after " + hours + " h") == 1);
}

TEST_CASE("the story stops after 45 event lines and counts the rest", "[writers]") {
  models::EcosystemConfig c = writers_test::writers_world();
  c.timeline.clear();
  c.gateways[1] = c.gateways[0];  // beta's gateway accepts everything too: no outages, no band changes
  c.gateways[1].id = "open2";
  c.gateways[0].reports_to.clear();
  for (int k = 0; k < 100; ++k)  // one note every 10 minutes: 100 entries in distinct minutes
    c.timeline.push_back(
        models::TimedAction{sim::minutes(10 * k), "", models::Note{"note " + std::to_string(k)}});
  auto eco = writers_test::run_world(std::move(c));
  REQUIRE(eco->event_log().size() == 100);
  const auto all = split_lines(io::story(*eco));
  // 1 title + 45 event lines + 1 "more" line + 1 blank + "Key numbers:" + 2 tenants = 51 lines.
  CHECK(all.size() == 51);
  CHECK(all[1] == "Wed 09 May 16:30  timeline note: note 0");
  CHECK(all[45] == "Wed 09 May 23:50  timeline note: note 44");  // 16:30 + 440 min
  CHECK(all[46] == "... (55 more events in events.csv)");
}

namespace {

// Five busy senders named "<prefix>0".."<prefix>4" mailing "open", which refuses every connection
// from 18:30 to 21:30 (T+2 h .. T+5 h).
std::unique_ptr<models::Ecosystem> five_senders_in_an_outage(const std::string& prefix) {
  models::EcosystemConfig c = writers_test::writers_world();
  c.timeline.clear();
  c.duration = sim::hours(6);
  const models::TenantSpec base = c.tenants[0];  // to "open"
  c.tenants.clear();
  for (int k = 0; k < 5; ++k) {
    models::TenantSpec t = base;
    t.config.id = prefix + std::to_string(k);
    // 10 a minute: the chance that one tenant sends nothing in the first minute of the outage is
    // e^-10 (and the seed is fixed, so the run is the same every time).
    t.config.messages_per_day = 14400;
    c.tenants.push_back(t);
  }
  c.timeline.push_back(
      models::TimedAction{sim::hours(2), "", models::GatewayOutage{0_gateway, sim::hours(3)}});
  return writers_test::run_world(std::move(c));
}

}  // namespace

TEST_CASE("outages of many senders in one minute fold into one line", "[writers]") {
  const auto eco = five_senders_in_an_outage("sender");
  REQUIRE(eco->ledger().outages().size() == 5);
  const auto lines = io::story_event_lines(*eco);
  // Two names shown, "and 3 more": one line for the five starts, one for the five ends.
  CHECK(count_containing(lines, "->open: outage") == 2);
  // All five start in the first minute and are told an hour later (the minimum duration), at their
  // first refusal from then on: about 6 s later at 10 a minute.
  CHECK(count_containing(lines, "Wed 09 May 19:30  sender") == 1);
  CHECK(count_containing(lines, " and 3 more->open: outages begin (gateway_outage)") == 1);
  CHECK(count_containing(lines, " and 3 more->open: outages end after ") == 1);
}

TEST_CASE("outages of population members are told once per population and gateway", "[writers]") {
  const auto eco = five_senders_in_an_outage("pop#");
  REQUIRE(eco->ledger().outages().size() == 5);
  const auto lines = io::story_event_lines(*eco);
  // Members of a population come and go by the hundred in big runs: one line names the first
  // outage of the population at that gateway; the ends are left to events.csv.
  CHECK(count_containing(lines, "->open: outage") == 1);
  // Told an hour after they start (the minimum duration).
  CHECK(count_containing(lines, "Wed 09 May 19:30  pop members->open: outages begin (gateway_outage") == 1);
}
