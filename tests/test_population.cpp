#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>

#include "models/population.hpp"
#include "sim/distributions.hpp"
#include "sim/random.hpp"

using namespace repsim;
using models::CompromiseEpisode;
using models::TenantConfig;
using models::TenantPopulation;
using sim::kDay;
using sim::kHour;

namespace {

TenantPopulation offices(std::uint32_t count) {
  TenantPopulation p;
  p.base.messages_per_day = 100.0;
  p.base.recipients = {{0, 1.0}, {2, 1.0}};
  p.base.attachment_share = 0.4;
  p.count = count;
  p.volume_cv = 0.5;
  p.compromise_probability = 0.3;
  p.base.episodes.push_back(CompromiseEpisode{0, 6 * kHour, 250.0, {{1, 1.0}}, 0.05, 3});
  p.episode_window_start = kDay;
  p.episode_window_end = 3 * kDay;
  return p;
}

bool same(const TenantConfig& a, const TenantConfig& b) {
  if (a.id != b.id || a.messages_per_day != b.messages_per_day || a.episodes.size() != b.episodes.size())
    return false;
  for (std::size_t i = 0; i < a.episodes.size(); ++i)
    if (a.episodes[i].start != b.episodes[i].start) return false;
  return true;
}

}  // namespace

TEST_CASE("members are named <id>#k and inherit the base", "[tenant]") {
  const sim::StreamFactory streams(11);
  const auto members = models::expand(offices(3), streams, "smb");
  REQUIRE(members.size() == 3);
  CHECK(members[0].id == "smb#0");
  CHECK(members[2].id == "smb#2");
  for (const TenantConfig& m : members) {
    CHECK(m.recipients.size() == 2);
    CHECK(m.attachment_share == 0.4);
  }
  CHECK(models::expand(offices(0), streams, "smb").empty());
}

TEST_CASE("a member's draws are its own stream's, in the documented order", "[tenant]") {
  const sim::StreamFactory streams(11);
  const TenantPopulation p = offices(5);
  const auto members = models::expand(p, streams, "smb");
  // Replay member 3 by hand: bernoulli(0.3), below(2 days), lognormal(mean 100, cv 0.5).
  sim::RandomStream r = streams.stream("smb#3", "population");
  const bool compromised = sim::bernoulli(r, 0.3);
  const auto offset = static_cast<sim::Time>(r.below(static_cast<std::uint64_t>(2 * kDay)));
  const double volume = sim::lognormal_mean_cv(r, 100.0, 0.5);
  CHECK(members[3].messages_per_day == volume);
  REQUIRE(members[3].episodes.size() == (compromised ? 1u : 0u));
  if (compromised) CHECK(members[3].episodes[0].start == kDay + offset);
}

TEST_CASE("expansion is deterministic and independent of the member count", "[tenant]") {
  const sim::StreamFactory streams(5);
  const auto five = models::expand(offices(5), streams, "smb");
  const auto fifty = models::expand(offices(50), streams, "smb");
  const auto again = models::expand(offices(50), streams, "smb");
  for (std::size_t k = 0; k < 5; ++k) CHECK(same(five[k], fifty[k]));
  for (std::size_t k = 0; k < 50; ++k) CHECK(same(fifty[k], again[k]));
  // Another population id gives other draws (at least one of 50 volumes differs).
  const auto other = models::expand(offices(50), streams, "retail");
  bool any_differs = false;
  for (std::size_t k = 0; k < 50; ++k) any_differs |= other[k].messages_per_day != fifty[k].messages_per_day;
  CHECK(any_differs);
}

TEST_CASE("volumes are lognormal with the base mean", "[tenant]") {
  const sim::StreamFactory streams(3);
  TenantPopulation p = offices(10000);
  const auto members = models::expand(p, streams, "bulk");
  double sum = 0;
  for (const TenantConfig& m : members) {
    REQUIRE(m.messages_per_day > 0.0);
    sum += m.messages_per_day;
  }
  // Mean 100, sd 100 x 0.5 = 50; over 10^4 members the mean's sd is 50 / 100 = 0.5: 4 sd = 2.
  CHECK(std::fabs(sum / 1e4 - 100.0) <= 2.0);

  p.volume_cv = 0.0;
  for (const TenantConfig& m : models::expand(p, streams, "bulk")) REQUIRE(m.messages_per_day == 100.0);
}

TEST_CASE("compromised members get the template episode at a start in the window", "[tenant]") {
  const sim::StreamFactory streams(8);
  TenantPopulation p = offices(10000);
  const auto members = models::expand(p, streams, "bulk");
  double compromised = 0;
  for (const TenantConfig& m : members) {
    if (m.episodes.empty()) continue;
    ++compromised;
    REQUIRE(m.episodes.size() == 1);
    const CompromiseEpisode& e = m.episodes[0];
    REQUIRE(e.start >= kDay);
    REQUIRE(e.start < 3 * kDay);
    REQUIRE(e.duration == 6 * kHour);
    REQUIRE(e.messages_per_hour == 250.0);
    REQUIRE(e.trap_share == 0.05);
    REQUIRE(e.spoof_as == 3);
    REQUIRE(e.recipients.size() == 1);
  }
  // Binomial(10^4, 0.3): mean 3000, variance 2100.
  CHECK(std::fabs(compromised - 3000.0) <= 4.0 * std::sqrt(2100.0));

  // Who is compromised, and when, does not depend on the volume spread.
  p.volume_cv = 0.0;
  const auto flat = models::expand(p, streams, "bulk");
  for (std::size_t k = 0; k < members.size(); ++k) {
    REQUIRE(flat[k].episodes.size() == members[k].episodes.size());
    if (!flat[k].episodes.empty()) REQUIRE(flat[k].episodes[0].start == members[k].episodes[0].start);
  }
}

TEST_CASE("invalid populations are refused", "[tenant]") {
  const sim::StreamFactory streams(1);
  TenantPopulation no_template = offices(3);
  no_template.base.episodes.clear();
  CHECK_THROWS_AS(models::expand(no_template, streams, "p"), std::invalid_argument);

  TenantPopulation dropped = offices(3);
  dropped.compromise_probability = 0.0;  // the template would be silently ignored
  CHECK_THROWS_AS(models::expand(dropped, streams, "p"), std::invalid_argument);

  TenantPopulation empty_window = offices(3);
  empty_window.episode_window_end = empty_window.episode_window_start;
  CHECK_THROWS_AS(models::expand(empty_window, streams, "p"), std::invalid_argument);

  TenantPopulation bad_cv = offices(3);
  bad_cv.volume_cv = -1.0;
  CHECK_THROWS_WITH(models::expand(bad_cv, streams, "p"), Catch::Matchers::Contains("population 'p'"));
}
