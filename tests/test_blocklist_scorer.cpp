#include <catch2/catch.hpp>

#include <tuple>
#include <vector>

#include "index_literals.hpp"
#include "models/blocklist_scorer.hpp"
#include "sim/simulation.hpp"

using namespace repsim;
using namespace repsim::models::index_literals;
using models::BlocklistConfig;
using models::BlocklistScorer;
using models::IpIndex;
using models::ListingChange;
using models::Observation;
using sim::days;
using sim::hours;
using sim::Simulation;
using sim::Time;

namespace {

Observation traps(std::uint32_t n) { return {n, n, 0, n}; }

// Advances the simulation to t and reports `n` trap hits from ip there.
void hit_at(Simulation& sim, BlocklistScorer& bl, Time t, IpIndex ip, std::uint32_t n = 1) {
  sim.run_until(t);
  bl.observe(ip, traps(n), sim.now());
}

}  // namespace

TEST_CASE("blocklist: the third trap hit within 24 h lists the IP at once", "[scorers]") {
  Simulation sim;
  BlocklistScorer bl(BlocklistConfig{}, sim, 2);
  hit_at(sim, bl, hours(0), 0_ip);
  hit_at(sim, bl, hours(10), 0_ip);
  CHECK_FALSE(bl.listed(0_ip));
  CHECK_FALSE(bl.has_score(0_ip));
  CHECK(bl.score(0_ip) == 0.0);  // unlisted: the midpoint of -7..7, for callers that ignore has_score
  bl.observe(0_ip, Observation{500, 0, 3, 0}, sim.now());  // volume and complaints do not list
  CHECK_FALSE(bl.listed(0_ip));
  hit_at(sim, bl, hours(20), 0_ip);  // hits at 0, 10, 20 h: three inside (20 h - 24 h, 20 h]
  CHECK(bl.listed(0_ip));
  CHECK(bl.has_score(0_ip));
  CHECK(bl.score(0_ip) == -7.0);
  CHECK(bl.expires_at(0_ip) == hours(20) + days(7));
  CHECK(bl.listings() == 1);
  CHECK_FALSE(bl.listed(1_ip));  // the neighbour is untouched
}

TEST_CASE("blocklist: hits spread wider than the window do not list", "[scorers]") {
  Simulation sim;
  BlocklistScorer bl(BlocklistConfig{}, sim, 2);
  // IP 0: 0, 12, 24 h. The first hit is exactly 24 h old at the third: outside (t - 24 h, t].
  hit_at(sim, bl, hours(0), 0_ip);
  hit_at(sim, bl, hours(12), 0_ip);
  hit_at(sim, bl, hours(24), 0_ip);
  CHECK_FALSE(bl.listed(0_ip));
  // IP 1: 0, 13, 26 h: never three within 24 h.
  sim.run_until(0);
  bl.observe(1_ip, traps(1), 0);
  hit_at(sim, bl, hours(13), 1_ip);
  hit_at(sim, bl, hours(26), 1_ip);
  CHECK_FALSE(bl.listed(1_ip));
  // IP 0 again at 30 h: 12, 24, 30 h are within 18 h of each other -> listed.
  hit_at(sim, bl, hours(30), 0_ip);
  CHECK(bl.listed(0_ip));
  CHECK(bl.listings() == 1);
}

TEST_CASE("blocklist: a batch of hits in one observation counts each hit", "[scorers]") {
  Simulation sim;
  BlocklistScorer bl(BlocklistConfig{}, sim, 1);
  hit_at(sim, bl, hours(1), 0_ip, 2);
  CHECK_FALSE(bl.listed(0_ip));
  hit_at(sim, bl, hours(2), 0_ip, 1);
  CHECK(bl.listed(0_ip));
}

TEST_CASE("blocklist: delisting happens exactly delist_delay after the first request", "[scorers]") {
  Simulation sim;
  BlocklistScorer bl(BlocklistConfig{}, sim, 1);
  bl.request_delisting(0_ip, 0);  // not listed: nothing to request
  CHECK_FALSE(bl.delisting_requested(0_ip));
  hit_at(sim, bl, hours(1), 0_ip, 3);
  REQUIRE(bl.listed(0_ip));
  sim.run_until(hours(30));
  bl.request_delisting(0_ip, sim.now());
  CHECK(bl.delisting_requested(0_ip));
  sim.run_until(hours(40));
  bl.request_delisting(0_ip, sim.now());  // a second request does not restart the clock
  sim.run_until(hours(54) - 1);           // 30 h + 24 h
  CHECK(bl.listed(0_ip));
  sim.run_until(hours(54));
  CHECK_FALSE(bl.listed(0_ip));
  CHECK_FALSE(bl.delisting_requested(0_ip));
  CHECK(bl.expires_at(0_ip) == sim::kNever);
  CHECK(sim.pending() == 0);  // the expiry was cancelled with the listing
}

TEST_CASE("blocklist: a listing nobody asks about expires listing_ttl after the last hit", "[scorers]") {
  Simulation sim;
  BlocklistScorer bl(BlocklistConfig{}, sim, 2);
  hit_at(sim, bl, hours(20), 0_ip, 3);
  hit_at(sim, bl, hours(20), 1_ip, 3);
  hit_at(sim, bl, days(2), 1_ip);  // IP 1 keeps hitting traps while listed: expiry moves to 2 d + 7 d
  CHECK(bl.expires_at(1_ip) == days(9));
  sim.run_until(hours(20) + days(7) - 1);
  CHECK(bl.listed(0_ip));
  sim.run_until(hours(20) + days(7));
  CHECK_FALSE(bl.listed(0_ip));
  CHECK(bl.listed(1_ip));
  sim.run_until(days(9) - 1);
  CHECK(bl.listed(1_ip));
  sim.run_until(days(9));
  CHECK_FALSE(bl.listed(1_ip));
  CHECK(sim.pending() == 0);
}

TEST_CASE("blocklist: restore removes a listing at once, the hook tells why each change happened",
          "[scorers]") {
  Simulation sim;
  BlocklistScorer bl(BlocklistConfig{}, sim, 1);
  std::vector<std::tuple<IpIndex, ListingChange, Time>> log;
  bl.on_published_change([&](const models::PublishedChange& c) {
    CHECK(c.to == (c.reason == ListingChange::Listed ? 1u : 0u));
    CHECK(c.from == 1 - c.to);
    log.emplace_back(c.ip, c.reason, c.when);
  });

  hit_at(sim, bl, hours(1), 0_ip, 3);
  sim.run_until(hours(2));
  bl.request_delisting(0_ip, sim.now());
  sim.run_until(hours(3));
  bl.restore(0_ip, 5.0, sim.now());  // by hand: the pending request is moot
  CHECK_FALSE(bl.listed(0_ip));
  CHECK(sim.pending() == 0);
  bl.restore(0_ip, 5.0, sim.now());  // not listed: nothing happens

  // A listing consumes its hits: one more hit does not relist, three fresh ones do.
  hit_at(sim, bl, hours(4), 0_ip);
  CHECK_FALSE(bl.listed(0_ip));
  hit_at(sim, bl, hours(5), 0_ip, 2);
  CHECK(bl.listed(0_ip));
  sim.run_until(hours(5) + days(7));

  using C = std::tuple<IpIndex, ListingChange, Time>;
  const std::vector<C> expected = {
      {0_ip, ListingChange::Listed, hours(1)},
      {0_ip, ListingChange::RemovedByVendor, hours(3)},
      {0_ip, ListingChange::Listed, hours(5)},
      {0_ip, ListingChange::Expired, hours(5) + days(7)},
  };
  CHECK(log == expected);
  CHECK(bl.listings() == 2);
}

TEST_CASE("blocklist: hits during a listing can relist right after delisting", "[scorers]") {
  BlocklistConfig cfg;
  cfg.delist_delay = hours(1);
  Simulation sim;
  BlocklistScorer bl(cfg, sim, 1);
  hit_at(sim, bl, hours(0), 0_ip, 3);
  sim.run_until(hours(1));
  bl.request_delisting(0_ip, sim.now());
  hit_at(sim, bl, hours(1) + 1, 0_ip);
  hit_at(sim, bl, hours(2) - 1, 0_ip);
  sim.run_until(hours(2));  // delisted at 1 h + 1 h
  CHECK_FALSE(bl.listed(0_ip));
  hit_at(sim, bl, hours(3), 0_ip);  // third hit within 24 h of the two made while listed
  CHECK(bl.listed(0_ip));
}

TEST_CASE("blocklist: configuration and index errors are refused", "[scorers]") {
  Simulation sim;
  BlocklistScorer bl(BlocklistConfig{}, sim, 1);
  CHECK(bl.add_ips(2) == 1);
  CHECK(bl.ip_count() == 3);
  CHECK_THROWS_AS(bl.observe(3_ip, traps(1), 0), std::out_of_range);
  CHECK_THROWS_AS(bl.request_delisting(3_ip, 0), std::out_of_range);
  const auto fails = [&sim](auto edit) {
    BlocklistConfig cfg;
    edit(cfg);
    CHECK_THROWS_AS(BlocklistScorer(cfg, sim), std::invalid_argument);
  };
  fails([](BlocklistConfig& c) { c.trap_hits_to_list = 0; });
  fails([](BlocklistConfig& c) { c.list_window = 0; });
  fails([](BlocklistConfig& c) { c.listing_ttl = 0; });
  fails([](BlocklistConfig& c) { c.delist_delay = -1; });
  fails([](BlocklistConfig& c) { c.scale.bands = {"Poor"}; });
}
