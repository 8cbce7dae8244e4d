#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <tuple>
#include <vector>

#include "index_literals.hpp"
#include "models/senderbase_scorer.hpp"
#include "sim/simulation.hpp"

using namespace repsim;
using namespace repsim::models::index_literals;
using models::IpIndex;
using models::Observation;
using models::SenderBaseConfig;
using models::SenderBaseScorer;
using sim::hours;
using sim::minutes;
using sim::Simulation;
using sim::Time;

namespace {

constexpr std::uint32_t kPoor = 0, kNeutral = 1, kGood = 2;

// Share of the gap to the target closed by one hourly update with the default 48 h half-life:
// 1 - 2^(-1/48) = 0.014336801359812412.
const double kStep48 = 1.0 - std::exp2(-1.0 / 48.0);

void observe_at(Simulation& sim, SenderBaseScorer& sb, Time t, IpIndex ip, Observation o) {
  sim.schedule_at(t, [&sb, ip, o](Simulation& s) { sb.observe(ip, o, s.now()); });
}

Observation clean(std::uint32_t messages) { return {messages, 0, 0, 0}; }

// Evidence that never fades, so a test's expectations are plain sums; the fading has its own tests.
SenderBaseConfig unfading() {
  SenderBaseConfig c;
  c.evidence_volume = std::numeric_limits<double>::infinity();
  c.evidence_half_life = sim::kNever;
  return c;
}

}  // namespace

TEST_CASE("senderbase: a new IP is unscored until the publication after its first observation", "[scorers]") {
  Simulation sim;
  SenderBaseScorer sb(unfading(), 2);
  sb.start(sim, sim::kDay);
  observe_at(sim, sb, minutes(10), 0_ip, clean(10));

  sim.run_until(minutes(10));
  CHECK_FALSE(sb.has_score(0_ip));
  CHECK(sb.live_has_score(0_ip));  // the service has evidence; gateways do not see it yet
  sim.run_until(hours(1));         // update: 10 lifetime messages < 500, so target min(5, 0) = 0
  CHECK(sb.live_score(0_ip) == 0.0);
  sim.run_until(hours(1) + minutes(30) - 1);
  CHECK_FALSE(sb.has_score(0_ip));
  sim.run_until(hours(1) + minutes(30));  // published 30 min after the update
  CHECK(sb.has_score(0_ip));
  CHECK(sb.score(0_ip) == 0.0);
  CHECK(sb.scale().band_of(sb.score(0_ip)) == kNeutral);
  // An IP nobody reported stays unscored and reads as neutral_score.
  CHECK_FALSE(sb.has_score(1_ip));
  CHECK_FALSE(sb.live_has_score(1_ip));
  CHECK(sb.score(1_ip) == 0.0);
  CHECK_FALSE(sb.listed(0_ip));
}

TEST_CASE("senderbase: warm-up holds a clean IP at Neutral, then it climbs by the half-life", "[scorers]") {
  Simulation sim;
  SenderBaseScorer sb(unfading(), 1);
  sb.start(sim, hours(20));
  // 100 clean messages in each of the first five hours: lifetime 100, 200, 300, 400 at the
  // updates of 1..4 h, 500 = warmup_volume at the update of 5 h.
  for (int k = 0; k < 5; ++k) observe_at(sim, sb, hours(k) + minutes(30), 0_ip, clean(100));

  sim.run_until(hours(4));
  CHECK(sb.lifetime_volume(0_ip) == 400);
  CHECK(sb.live_score(0_ip) == 0.0);  // capped at neutral_score
  sim.run_until(hours(5));
  // 0 + (5 - 0) * (1 - 2^(-1/48)) = 0.07168400679906206
  CHECK(sb.live_score(0_ip) == Approx(0.07168400679906206).margin(1e-9));
  sim.run_until(hours(10));
  // Six recovery updates (5..10 h) toward 5: 5 - 5 * 2^(-6/48) = 5 * (1 - 2^(-1/8)) = 0.4149797839766439
  CHECK(sb.live_score(0_ip) == Approx(0.4149797839766439).margin(1e-9));
  // Published view lags by one publication: at 10 h it shows the update of 9 h, 5 * (1 - 2^(-5/48)).
  CHECK(sb.score(0_ip) == Approx(5.0 * (1.0 - std::exp2(-5.0 / 48.0))).margin(1e-9));
  sim.run_until(hours(10) + minutes(30));
  CHECK(sb.score(0_ip) == Approx(0.4149797839766439).margin(1e-9));
  // Invariant: recovery never overshoots the target.
  sim.run_until(hours(21));
  CHECK(sb.live_score(0_ip) < 5.0);
}

TEST_CASE("senderbase: 10% spam drops a clean IP within one update, published after the delay", "[scorers]") {
  Simulation sim;
  SenderBaseScorer sb(unfading(), 1);
  sb.start(sim, hours(6));
  observe_at(sim, sb, minutes(30), 0_ip, clean(1000));  // established: 1000 >= 500
  sim.schedule_at(minutes(40), [&](Simulation& s) { sb.restore(0_ip, 5.0, s.now()); });
  observe_at(sim, sb, hours(1) + minutes(45), 0_ip, Observation{1000, 200, 0, 0});

  sim.run_until(hours(1) + minutes(30));
  // Update of 1 h: no spam yet, target 5, current 5 -> stays 5.
  CHECK(sb.live_score(0_ip) == 5.0);
  CHECK(sb.score(0_ip) == 5.0);
  sim.run_until(hours(2));
  // Window: 2000 messages, 200 spam -> ratio 0.1 -> penalty 100 * 0.1 = 10 -> target 5 - 10 = -5.
  // Below the current 5, so it is taken at once.
  CHECK(sb.live_score(0_ip) == Approx(-5.0).margin(1e-9));
  CHECK(sb.score(0_ip) == 5.0);  // gateways still read Good
  sim.run_until(hours(2) + minutes(30) - 1);
  CHECK(sb.score(0_ip) == 5.0);
  sim.run_until(hours(2) + minutes(30));
  CHECK(sb.score(0_ip) == Approx(-5.0).margin(1e-9));
  CHECK(sb.scale().band_of(sb.score(0_ip)) == kPoor);
}

TEST_CASE("senderbase: the default weights map 5% spam to Neutral and 30% or two trap hits to Poor",
          "[scorers]") {
  Simulation sim;
  SenderBaseScorer sb(unfading(), 4);
  sb.start(sim, hours(2));
  for (IpIndex ip{0}; ip < 4; ++ip)
    sim.schedule_at(0, [&sb, ip](Simulation& s) { sb.restore(ip, 5.0, s.now()); });
  observe_at(sim, sb, minutes(30), 0_ip, Observation{1000, 50, 0, 0});   // 5%: 5 - 5 = 0
  observe_at(sim, sb, minutes(30), 1_ip, Observation{1000, 300, 0, 0});  // 30%: 5 - 30 -> clamped -7
  observe_at(sim, sb, minutes(30), 2_ip, Observation{1000, 0, 0, 2});    // 5 - 2 * 4 = -3
  observe_at(sim, sb, minutes(30), 3_ip, Observation{1000, 0, 3, 1});    // 5 - 2 * 3 - 4 = -5
  sim.run_until(hours(1));
  CHECK(sb.live_score(0_ip) == Approx(0.0).margin(1e-9));
  CHECK(sb.live_score(1_ip) == -7.0);
  CHECK(sb.live_score(2_ip) == Approx(-3.0).margin(1e-9));
  CHECK(sb.live_score(3_ip) == Approx(-5.0).margin(1e-9));
  CHECK(sb.scale().band_of(sb.live_score(0_ip)) == kNeutral);
  for (IpIndex ip{1}; ip < 4; ++ip) CHECK(sb.scale().band_of(sb.live_score(ip)) == kPoor);
}

TEST_CASE("senderbase: the IP's later volume fades the evidence, and recovery follows the half-life",
          "[scorers]") {
  SenderBaseConfig cfg = unfading();
  cfg.evidence_volume = 1000;         // each update keeps exp(-v / 1000) of what came before
  cfg.recovery_half_life = hours(1);  // per update half of the gap closes
  cfg.warmup_volume = 0;
  Simulation sim;
  SenderBaseScorer sb(cfg, 1);
  sb.restore(0_ip, 5.0, 0);
  sb.start(sim, hours(10));
  observe_at(sim, sb, minutes(30), 0_ip, Observation{100, 10, 0, 0});  // 10% spam
  observe_at(sim, sb, hours(1) + minutes(30), 0_ip, clean(1000));      // then 1000 clean

  sim.run_until(hours(1));
  CHECK(sb.live_score(0_ip) == Approx(-5.0).margin(1e-9));  // 5 - 100 * 0.1
  sim.run_until(hours(2));
  // The update of 2 h keeps exp(-1000 / 1000) = e^-1 of the evidence before it:
  // volume 100/e + 1000 = 1036.7879441171442, spam 10/e = 3.6787944117144233,
  // spam share 0.0035482611777928, target 5 - 0.35482611777928 = 4.6451738822207.
  CHECK(sb.evidence(0_ip).messages == 1036);
  CHECK(sb.evidence(0_ip).spam == 3);
  // Above the current -5, so half the gap closes: -5 + (4.6451738822207 + 5) / 2 = -0.17741305888964.
  CHECK(sb.live_score(0_ip) == Approx(-0.17741305888964).margin(1e-9));
  sim.run_until(hours(3));
  // No mail in the third hour: nothing fades (time does not, here), the target stays 4.6451738822207:
  // -0.17741305888964 + (4.6451738822207 + 0.17741305888964) / 2 = 2.2338804116655.
  CHECK(sb.live_score(0_ip) == Approx(2.2338804116655).margin(1e-9));
}

TEST_CASE("senderbase: with no mail at all the evidence fades by time alone", "[scorers]") {
  SenderBaseConfig cfg = unfading();
  cfg.evidence_half_life = hours(2);  // each hourly update keeps 2^(-1/2) of the evidence
  cfg.warmup_volume = 0;
  Simulation sim;
  SenderBaseScorer sb(cfg, 1);
  sb.start(sim, hours(10));
  observe_at(sim, sb, minutes(30), 0_ip, Observation{100, 10, 4, 2});
  sim.run_until(hours(1));  // the update of 1 h takes them in whole
  CHECK(sb.evidence(0_ip).messages == 100);
  CHECK(sb.evidence(0_ip).trap_hits == 2);
  sim.run_until(hours(5));  // four more updates: 2^(-4/2) = 1/4 of each count
  const Observation e = sb.evidence(0_ip);
  CHECK(e.messages == 25);
  CHECK(e.spam == 2);  // 2.5, rounded down
  CHECK(e.complaints == 1);
  CHECK(e.trap_hits == 0);  // 0.5
}

TEST_CASE("senderbase: attempts refused before DATA count as volume only when the scorer says so",
          "[scorers]") {
  for (const auto counted : {models::CountedVolume::Messages, models::CountedVolume::Attempts}) {
    SenderBaseConfig cfg = unfading();
    cfg.volume = counted;
    Simulation sim;
    SenderBaseScorer sb(cfg, 1);
    sb.start(sim, hours(2));
    Observation deferred = clean(30);
    deferred.refused_before_data = 20;  // 30 attempts, 10 of them got to DATA
    observe_at(sim, sb, minutes(30), 0_ip, deferred);
    sim.run_until(hours(1));
    const std::uint32_t expected = counted == models::CountedVolume::Messages ? 10 : 30;
    CHECK(sb.lifetime_volume(0_ip) == expected);  // warm-up history
    CHECK(sb.evidence(0_ip).messages == expected);
  }
}

TEST_CASE("senderbase: restore sets the score at once and clears the evidence", "[scorers]") {
  Simulation sim;
  SenderBaseScorer sb(unfading(), 1);
  sb.start(sim, hours(3));
  observe_at(sim, sb, minutes(30), 0_ip, Observation{1000, 100, 4, 1});
  sim.run_until(hours(1));
  // Penalty 100 * 0.1 + 2 * 4 + 4 * 1 = 22: target 5 - 22 clamped to -7, taken at once.
  CHECK(sb.live_score(0_ip) == -7.0);

  sim.run_until(hours(1) + minutes(10));
  sb.restore(0_ip, 3.0, sim.now());
  CHECK(sb.live_score(0_ip) == 3.0);
  CHECK(sb.has_score(0_ip));
  CHECK(sb.score(0_ip) == 3.0);
  const Observation w = sb.evidence(0_ip);
  CHECK(w.messages == 1000);  // volume history stays
  CHECK(w.spam == 0);
  CHECK(w.complaints == 0);
  CHECK(w.trap_hits == 0);

  sim.run_until(hours(1) + minutes(30));
  CHECK(sb.score(0_ip) == 3.0);  // the pending publication of -7 was patched
  sim.run_until(hours(2));
  // No evidence left: target 5, recovering from 3: 3 + 2 * (1 - 2^(-1/48)) = 3.028673602719625
  CHECK(sb.live_score(0_ip) == Approx(3.028673602719625).margin(1e-9));

  sb.restore(0_ip, 99.0, sim.now());
  CHECK(sb.score(0_ip) == 7.0);  // clamped to the scale
  CHECK_THROWS_AS(sb.restore(1_ip, 0.0, 0), std::out_of_range);
}

TEST_CASE("senderbase: eight IPs in one product score as each would alone", "[scorers]") {
  SenderBaseConfig cfg = unfading();
  cfg.weights.log10_volume = -1.0;  // a volume bonus, so all four features are in play
  const std::vector<Observation> seen = {
      {999, 0, 0, 0}, {999, 0, 0, 1}, {400, 40, 0, 0}, {2000, 60, 3, 0},
      {50, 0, 0, 0},  {10, 9, 2, 3},  {0, 0, 5, 0},    {123456, 1234, 12, 2},
  };
  Simulation sim;
  SenderBaseScorer together(cfg, seen.size());
  together.start(sim, hours(4));
  std::vector<std::unique_ptr<SenderBaseScorer>> alone;
  for (std::size_t i = 0; i < seen.size(); ++i) {
    alone.push_back(std::make_unique<SenderBaseScorer>(cfg, 1));
    alone.back()->start(sim, hours(4));
  }
  for (int h = 0; h < 4; ++h)
    for (std::size_t i = 0; i < seen.size(); ++i) {
      observe_at(sim, together, hours(h) + minutes(20), IpIndex{i}, seen[i]);
      observe_at(sim, *alone[i], hours(h) + minutes(20), 0_ip, seen[i]);
    }
  sim.run_until(hours(1));
  // IP 0: 999 clean -> penalty -log10(1000) = -3, target 8 clamped to 7, from 0: 7 * (1 - 2^(-1/48)).
  CHECK(together.live_score(0_ip) == Approx(7.0 * kStep48).margin(1e-9));
  // IP 1: one trap hit: penalty 4 - 3 = 1, target 4, from 0: 4 * (1 - 2^(-1/48)).
  CHECK(together.live_score(1_ip) == Approx(4.0 * kStep48).margin(1e-9));
  // IP 4: 50 messages, lifetime below 500: held at 0.
  CHECK(together.live_score(4_ip) == 0.0);
  // IP 6: complaints without volume (rate over max(volume, 1)): 2 * 5000 = 10000 -> -7.
  CHECK(together.live_score(6_ip) == -7.0);

  for (Time t : {hours(1), hours(2), hours(4) + minutes(30)}) {
    sim.run_until(t);
    for (std::size_t i = 0; i < seen.size(); ++i) {
      const IpIndex ip{i};
      CHECK(together.live_score(ip) == Approx(alone[i]->live_score(0_ip)).margin(1e-12));
      CHECK(together.score(ip) == Approx(alone[i]->score(0_ip)).margin(1e-12));
      CHECK(together.has_score(ip) == alone[i]->has_score(0_ip));
      // Invariant: every score stays on the scale.
      CHECK(together.live_score(ip) >= -7.0);
      CHECK(together.live_score(ip) <= 7.0);
    }
  }
}

TEST_CASE("senderbase: the band-change hook reports published band changes with their times", "[scorers]") {
  Simulation sim;
  SenderBaseScorer sb(unfading(), 2);
  std::vector<std::tuple<IpIndex, std::uint32_t, std::uint32_t, Time>> changes;
  std::vector<double> scores;
  sb.on_published_change([&](const models::PublishedChange& c) {
    changes.emplace_back(c.ip, c.from, c.to, c.when);
    scores.push_back(c.score);
  });
  sb.start(sim, hours(5));
  observe_at(sim, sb, minutes(30), 0_ip, clean(1000));
  // Window 2000 messages, 300 spam: 15% -> 5 - 15 = -10 -> -7.
  observe_at(sim, sb, hours(1) + minutes(45), 0_ip, Observation{1000, 300, 0, 0});
  sim.schedule_at(hours(2) + minutes(45), [&](Simulation& s) { sb.restore(0_ip, 5.0, s.now()); });
  sim.run_until(hours(6));

  using C = std::tuple<IpIndex, std::uint32_t, std::uint32_t, Time>;
  REQUIRE(changes.size() == 3);
  // 1 h update: 5 * (1 - 2^(-1/48)) = 0.0717, Neutral; first publication: no band before.
  CHECK(changes[0] == C{0_ip, models::kNone, kNeutral, hours(1) + minutes(30)});
  CHECK(changes[1] == C{0_ip, kNeutral, kPoor, hours(2) + minutes(30)});
  // The vendor override changes the band at once; later publications of 5 change nothing.
  CHECK(changes[2] == C{0_ip, kPoor, kGood, hours(2) + minutes(45)});
  CHECK(sb.score(0_ip) == 5.0);
  // Each with the score it publishes.
  REQUIRE(scores.size() == 3);
  CHECK(scores[0] == Approx(5 * (1 - std::exp2(-1.0 / 48))).margin(1e-12));
  CHECK(scores[1] == -7.0);
  CHECK(scores[2] == 5.0);
}

TEST_CASE("senderbase: ticks stop at `until`, the last publication still happens", "[scorers]") {
  Simulation sim;
  SenderBaseScorer sb(unfading(), 1);
  sb.start(sim, hours(3));
  CHECK_THROWS_AS(sb.start(sim, hours(3)), std::logic_error);
  observe_at(sim, sb, minutes(30), 0_ip, clean(1));
  sim.run_until(hours(100));
  // Updates at 1, 2, 3 h, each plus a publication: 6 events, plus the observation.
  CHECK(sim.events_handled() == 7);
  CHECK(sim.pending() == 0);
  CHECK(sb.has_score(0_ip));
}

TEST_CASE("senderbase: add_ips appends unscored IPs, bad input is refused", "[scorers]") {
  SenderBaseScorer sb(unfading(), 2);
  CHECK(sb.add_ips(3) == 2);
  CHECK(sb.ip_count() == 5);
  CHECK_FALSE(sb.has_score(4_ip));
  CHECK(sb.score(4_ip) == 0.0);
  CHECK_NOTHROW(sb.observe(4_ip, clean(1), 0));
  CHECK_THROWS_AS(sb.observe(5_ip, clean(1), 0), std::out_of_range);
  sb.request_delisting(4_ip, 0);  // no delisting at SenderBase: nothing changes
  CHECK_FALSE(sb.listed(4_ip));

  const auto fails = [](auto edit) {
    SenderBaseConfig cfg = unfading();
    edit(cfg);
    CHECK_THROWS_AS(SenderBaseScorer(cfg), std::invalid_argument);
  };
  fails([](SenderBaseConfig& c) { c.update_every = 0; });
  fails([](SenderBaseConfig& c) { c.publish_delay = -1; });
  fails([](SenderBaseConfig& c) { c.evidence_half_life = 0; });
  fails([](SenderBaseConfig& c) { c.evidence_volume = 0; });
  fails([](SenderBaseConfig& c) { c.evidence_volume = std::nan(""); });
  fails([](SenderBaseConfig& c) { c.recovery_half_life = 0; });
  fails([](SenderBaseConfig& c) { c.clean_score = 8.0; });
  fails([](SenderBaseConfig& c) { c.neutral_score = -7.5; });
  fails([](SenderBaseConfig& c) { c.weights.trap_hits = std::nan(""); });
  fails([](SenderBaseConfig& c) { c.scale.cuts = {1.0, -1.0}; });
}

TEST_CASE("senderbase: the published range spans every published score, restores and establish included",
          "[scorers]") {
  Simulation sim;
  SenderBaseScorer sb(unfading(), 3);
  sb.start(sim, hours(3));
  sb.establish(1_ip, 5.0, 100000);
  observe_at(sim, sb, minutes(30), 0_ip, Observation{1000, 100, 4, 1});

  CHECK_FALSE(sb.published_range(0_ip));  // live evidence is not published yet
  sim.run_until(hours(1) + minutes(30) - 1);
  CHECK_FALSE(sb.published_range(0_ip));  // the 1 h update (-7) publishes at 1 h 30
  sim.run_until(hours(1) + minutes(30));
  REQUIRE(sb.published_range(0_ip));
  CHECK(sb.published_range(0_ip)->min == -7.0);
  CHECK(sb.published_range(0_ip)->max == -7.0);

  sb.restore(0_ip, 3.0, sim.now());  // the vendor's hand: 3 becomes the top so far
  CHECK(sb.published_range(0_ip)->min == -7.0);
  CHECK(sb.published_range(0_ip)->max == 3.0);
  sim.run_until(hours(2) + minutes(30));
  // The 2 h update recovers from 3 toward 5: 3 + 2 * (1 - 2^(-1/48)) = 3.028673602719625
  CHECK(sb.published_range(0_ip)->max == Approx(3.028673602719625).margin(1e-9));
  CHECK(sb.published_range(0_ip)->min == -7.0);

  // An established IP starts with its given score: min and max both 5 until it moves.
  REQUIRE(sb.published_range(1_ip));
  CHECK(sb.published_range(1_ip)->min == 5.0);
  CHECK(sb.published_range(1_ip)->max == 5.0);
  CHECK_FALSE(sb.published_range(2_ip));  // never observed, never published
  CHECK_THROWS_AS(sb.published_range(3_ip), std::out_of_range);
}
