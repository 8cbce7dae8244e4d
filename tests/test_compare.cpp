// `repsim compare`: paired statistics checked by hand, the comparison of a design with itself, a
// variant that helps one tenant, and which side names come from where.
#include <catch2/catch.hpp>
#include <cmath>

#include "experiments/compare.hpp"
#include "experiments/compare_report.hpp"
#include "experiments/grid.hpp"
#include "experiments/paired_statistics.hpp"
#include "experiments/statistics.hpp"
#include "sweep_fixture.hpp"

using namespace repsim;
using namespace repsim::experiments;

TEST_CASE("a paired interval, its correlation and the unpaired interval, by hand", "[compare]") {
  // A = {1, 2, 3, 4}, B = {2, 4, 5, 7}: differences {1, 2, 2, 3}, mean 2, squared deviations
  // 1 + 0 + 0 + 1 = 2, sd = sqrt(2 / 3) = 0.816496580927726, standard error sd / sqrt(4) =
  // 0.408248290463863; t(0.975, 3) = 3.182446305284263 (every t table: 3.182), half-width
  // 1.2992282636253374: paired CI [0.7007717363746626, 3.2992282636253374].
  // Means 2.5 and 4.5; deviations A {-1.5, -0.5, 0.5, 1.5}, B {-2.5, -0.5, 0.5, 2.5}; cross products
  // 3.75 + 0.25 + 0.25 + 3.75 = 8, sums of squares 5 and 13: r = 8 / sqrt(65) = 0.9922778767136677.
  // Welch: variances of the means 5/3/4 = 5/12 and 13/3/4 = 13/12, sum 1.5; df = 1.5^2 /
  // (((5/12)^2 + (13/12)^2) / 3) = 972 / 194 = 5.0103; half-width t(0.975, 972/194) * sqrt(1.5).
  const PairedComparison c = compare_paired({1, 2, 3, 4}, {2, 4, 5, 7});
  CHECK(c.n == 4);
  CHECK(c.mean_a == 2.5);
  CHECK(c.mean_b == 4.5);
  CHECK(c.mean_diff == 2.0);
  CHECK(*c.sd_diff == Approx(0.816496580927726).epsilon(1e-14));
  CHECK(*c.ci95_low == Approx(0.7007717363746626).epsilon(1e-12));
  CHECK(*c.ci95_high == Approx(3.2992282636253374).epsilon(1e-12));
  CHECK(*c.correlation == Approx(0.9922778767136677).epsilon(1e-14));
  const double welch_half = student_t_quantile(0.975, 972.0 / 194.0) * std::sqrt(1.5);
  // t(0.975, 5) = 2.5706 would give 2.5706 * 1.2247 = 3.148; 0.01 more df lowers t to about 2.569.
  CHECK(welch_half == Approx(3.146).margin(0.001));
  CHECK(*c.unpaired_low == Approx(2.0 - welch_half).epsilon(1e-12));
  CHECK(*c.unpaired_high == Approx(2.0 + welch_half).epsilon(1e-12));
  CHECK_FALSE(c.identical);
  // Positively correlated sides: the paired interval is the narrower, and it excludes 0 (A lower).
  CHECK(verdict_of(c) == Verdict::ABetter);
  CHECK(verdict_of(compare_paired({2, 4, 5, 7}, {1, 2, 3, 4})) == Verdict::BBetter);
}

TEST_CASE("identical sides differ by exactly zero, and one pair is too few for an interval", "[compare]") {
  const PairedComparison same = compare_paired({3, 1, 4}, {3, 1, 4});
  CHECK(same.identical);
  CHECK(same.mean_diff == 0.0);
  CHECK(*same.ci95_low == 0.0);
  CHECK(*same.ci95_high == 0.0);
  CHECK(*same.sd_diff == 0.0);
  CHECK(verdict_of(same) == Verdict::Same);
  // Constant differences of 1: sd 0, so the interval is [1, 1]; no correlation when a side is constant.
  const PairedComparison shift = compare_paired({5, 5, 5}, {6, 6, 6});
  CHECK(*shift.ci95_low == 1.0);
  CHECK(*shift.ci95_high == 1.0);
  CHECK_FALSE(shift.correlation);
  CHECK(verdict_of(shift) == Verdict::ABetter);
  // Differences {-1, 1}: the interval straddles 0.
  CHECK(verdict_of(compare_paired({2, 2}, {1, 3})) == Verdict::NoDifference);
  const PairedComparison one = compare_paired({1}, {2});
  CHECK_FALSE(one.ci95_low);
  CHECK(verdict_of(one) == Verdict::TooFew);
}

TEST_CASE("side names: FILE or FILE#VARIANT", "[compare]") {
  CHECK(parse_side_name("a.json").file == "a.json");
  CHECK(parse_side_name("a.json").variant.empty());
  CHECK(parse_side_name("dir/a.json#dedicated").file == "dir/a.json");
  CHECK(parse_side_name("dir/a.json#dedicated").variant == "dedicated");
  // A '#' in a directory name is part of the path.
  CHECK(parse_side_name("odd#dir/a.json").file == "odd#dir/a.json");
  CHECK(parse_side_name("odd#dir/a.json").variant.empty());
}

namespace {

CompareOptions tiny_options(std::uint32_t replications, unsigned threads) {
  CompareOptions o;
  o.replications = replications;
  o.seed = 3;
  o.threads = threads;
  return o;
}

}  // namespace

TEST_CASE("a design compared with itself: every difference exactly zero, every verdict 'same'", "[compare]") {
  const CompareSide a = load_compare_side({sweep_test::tiny_scenario(), {}}, 1);
  const CompareResult r = run_compare(a, a, tiny_options(3, 2));
  // sweep_tiny: single tenants contractor and spammer, the population others, gateways strict and
  // lenient: 5 entities x 3 measures.
  REQUIRE(r.rows.size() == 15);
  CHECK(r.only_a.empty());
  CHECK(r.only_b.empty());
  CHECK(r.seeds ==
        std::vector<std::uint64_t>{replication_seed(3, 0), replication_seed(3, 1), replication_seed(3, 2)});
  for (const MeasureComparison& row : r.rows) {
    INFO(row.kind << " " << row.id << " " << measure_name(row.measure));
    CHECK(row.stats.mean_diff == 0.0);
    CHECK(*row.stats.ci95_low == 0.0);
    CHECK(*row.stats.ci95_high == 0.0);
    CHECK(verdict_of(row.stats) == Verdict::Same);
  }
  CHECK(r.rows[0].kind == "tenant");
  CHECK(r.rows[0].id == "contractor");
  CHECK(r.rows[3].kind == "population");
  CHECK(r.rows[3].id == "others");
  for (const std::string& line : headline(r)) CHECK(line.substr(line.size() - 6) == ": same");
}

TEST_CASE("the contractor is cut off less when the strict gateway takes Neutral, and -j1 and -j2 agree",
          "[compare]") {
  sweep_test::TempDir dir;
  nlohmann::json doc = io::read_json_file(sweep_test::tiny_scenario());
  doc["variants"] = nlohmann::json::parse(
      R"([{"name": "lenient", "description": "strict takes Neutral", "set": {"/gateways/0/policy": "neutral_ok"}}])");
  const std::string file = (dir.path() / "tiny.json").string();
  sweep_test::write_plain(file, doc.dump());
  const CompareSide a = load_compare_side({file, {}}, 1);
  const CompareSide b = load_compare_side({file, "lenient"}, 1);
  CHECK(b.label == file + "#lenient");
  CHECK(b.document["gateways"][0]["policy"] == "neutral_ok");
  const CompareResult one = run_compare(a, b, tiny_options(4, 1));
  const CompareResult two = run_compare(a, b, tiny_options(4, 2));
  CHECK(differences_csv(one) == differences_csv(two));
  CHECK(compare_markdown(one, a, b, tiny_options(4, 1)) == compare_markdown(two, a, b, tiny_options(4, 2)));
  const MeasureComparison& cut = one.rows[0];
  REQUIRE(cut.id == "contractor");
  REQUIRE(cut.measure == CompareMeasure::CutOffHours);
  // The invariant behind the verdict: B (Neutral accepted at both gateways) never refuses what A's
  // Good-only gateway refused on a Neutral pool, so every replication cuts the contractor off less.
  for (std::size_t k = 0; k < cut.a.size(); ++k) CHECK(cut.b[k] <= cut.a[k]);
  CHECK(verdict_of(cut.stats) == Verdict::BBetter);
  CHECK(headline(one)[0].rfind("contractor (tenant): B is better: ", 0) == 0);
}
