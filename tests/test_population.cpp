#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>
#include <vector>

#include "index_literals.hpp"
#include "models/population.hpp"
#include "sim/distributions.hpp"
#include "sim/random.hpp"

using namespace repsim;
using models::CompromiseEpisode;
using models::TenantConfig;
using models::TenantPopulation;
using sim::kDay;
using sim::kHour;
using namespace repsim::models::index_literals;

namespace {

TenantPopulation offices(std::uint32_t count) {
  TenantPopulation p;
  p.base.messages_per_day = 100.0;
  p.base.recipients = {{0_gateway, 1.0}, {2_gateway, 1.0}};
  p.base.attachment_share = 0.4;
  p.count = count;
  p.volume_cv = 0.5;
  p.compromise_probability = 0.3;
  p.base.episodes.push_back(CompromiseEpisode{0, 6 * kHour, 250.0, {{1_gateway, 1.0}}, 0.05, 3_tenant});
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

TEST_CASE("sampling without replacement: all positive entries when k covers them", "[tenant]") {
  const models::SuccessiveSampler sample({0.0, 1.0, 0.0, 2.0, 1.0});
  sim::RandomStream r(3);
  CHECK(sample(3, r) == std::vector<std::size_t>{1, 3, 4});
  CHECK(sample(9, r) == std::vector<std::size_t>{1, 3, 4});
}

TEST_CASE("sampling without replacement replays as successive draws that skip repeats", "[tenant]") {
  // By hand with the same stream: draw from the full mix, redraw a repeat, until 2 distinct.
  const std::vector<double> w{1.0, 1.0, 1.0, 1.0, 1.0, 1.0};
  const sim::Categorical all(w);
  for (std::uint64_t seed = 0; seed < 50; ++seed) {
    sim::RandomStream a(seed), b(seed);
    const std::size_t first = all(b);
    std::size_t second = all(b);
    while (second == first) second = all(b);
    std::vector<std::size_t> expected{first, second};
    std::sort(expected.begin(), expected.end());
    REQUIRE(models::SuccessiveSampler(w)(2, a) == expected);
  }
  // A sample of more than 64 picks flags taken entries instead of searching its picks: the same
  // replay, 65 of 1,000 (a repeat has odds of at most 6.5%, so 16 in a row never happen here).
  const std::vector<double> many(1000, 1.0);
  const sim::Categorical all_many(many);
  const models::SuccessiveSampler sample_many(many);
  for (std::uint64_t seed = 0; seed < 20; ++seed) {
    sim::RandomStream a(seed), b(seed);
    std::set<std::size_t> expected;
    while (expected.size() < 65) expected.insert(all_many(b));
    REQUIRE(sample_many(65, a) == std::vector<std::size_t>(expected.begin(), expected.end()));
  }
}

TEST_CASE("sampling without replacement: inclusion probabilities of successive sampling", "[tenant]") {
  // Weights 1, 2, 3, 4 (total 10), k = 2. Entry i is in the sample when drawn first (w_i / 10) or
  // second after some j (w_j / 10 x w_i / (10 - w_j)). For entry 0:
  // 0.1 + 0.2 x 1/8 + 0.3 x 1/7 + 0.4 x 1/6 = 0.234524; for entry 3:
  // 0.4 + 0.1 x 4/9 + 0.2 x 4/8 + 0.3 x 4/7 = 0.715873. Binomial over 20000 samples, 4 sd.
  const models::SuccessiveSampler sample({1.0, 2.0, 3.0, 4.0});
  sim::RandomStream r(17);
  constexpr int kSamples = 20000;
  std::vector<int> in(4, 0);
  for (int s = 0; s < kSamples; ++s)
    for (std::size_t i : sample(2, r)) ++in[i];
  const auto close = [&](int count, double p) {
    return std::fabs(count - kSamples * p) <= 4.0 * std::sqrt(kSamples * p * (1.0 - p));
  };
  CHECK(close(in[0], 0.234524));
  CHECK(close(in[3], 0.715873));
  CHECK(in[0] + in[1] + in[2] + in[3] == 2 * kSamples);
}

TEST_CASE("sampling without replacement survives one dominant weight", "[tenant]") {
  // After the heavy entry is drawn, redraws almost always hit it again: the sampler rebuilds the mix
  // over the rest instead of looping.
  const models::SuccessiveSampler sample({1e12, 1.0, 1.0, 0.0});
  sim::RandomStream r(5);
  for (int s = 0; s < 100; ++s) {
    const auto got = sample(2, r);
    REQUIRE(got.size() == 2);
    CHECK(got[0] == 0);
    CHECK((got[1] == 1 || got[1] == 2));
  }
}

TEST_CASE("recipients_per_member: each member mails k of the mix, drawn from its own stream", "[tenant]") {
  TenantPopulation p = offices(200);
  p.compromise_probability = 0.0;
  p.base.episodes.clear();
  p.base.recipients.clear();
  for (models::GatewayIndex g{0}; g < 20; ++g) p.base.recipients.push_back({g, g < 10 ? 1.0 : 3.0});
  p.recipients_per_member = 4;
  const sim::StreamFactory streams(21);
  const auto members = models::expand(p, streams, "smb");
  const auto unsampled = [&] {
    TenantPopulation q = p;
    q.recipients_per_member = 0;
    return models::expand(q, streams, "smb");
  }();
  std::vector<double> weights;
  for (const auto& r : p.base.recipients) weights.push_back(r.weight);
  const models::SuccessiveSampler sample(weights);
  for (std::size_t k = 0; k < members.size(); ++k) {
    const TenantConfig& m = members[k];
    REQUIRE(m.recipients.size() == 4);
    // Replay: the sample from (id, "recipients"); entries keep their weights, in the mix's order.
    sim::RandomStream replay = streams.stream(m.id, "recipients");
    const auto picked = sample(4, replay);
    for (std::size_t i = 0; i < 4; ++i) {
      CHECK(m.recipients[i].gateway == p.base.recipients[picked[i]].gateway);
      CHECK(m.recipients[i].weight == p.base.recipients[picked[i]].weight);
    }
    // Sampling draws from its own stream: volumes are those of the unsampled expansion.
    CHECK(m.messages_per_day == unsampled[k].messages_per_day);
    CHECK(unsampled[k].recipients.size() == 20);
  }
}

TEST_CASE("pooled arrivals name the population as every member's arrival pool", "[tenant]") {
  TenantPopulation p = offices(3);
  const sim::StreamFactory streams(1);
  for (const TenantConfig& m : models::expand(p, streams, "smb")) CHECK(m.arrival_pool.empty());
  p.pooled_arrivals = true;
  for (const TenantConfig& m : models::expand(p, streams, "smb")) CHECK(m.arrival_pool == "smb");
}
