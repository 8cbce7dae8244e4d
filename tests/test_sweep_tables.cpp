// results.csv and summary.csv from hand-made records: exact text.
#include <catch2/catch.hpp>

#include "experiments/results_csv.hpp"
#include "sweep_fixture.hpp"

using namespace repsim;
using namespace repsim::experiments;
using namespace repsim::sweep_test;

TEST_CASE("csv cells are quoted only when they must be", "[sweep]") {
  CHECK(csv_field("plain") == "plain");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(parameter_text(nlohmann::json("20m")) == "20m");
  CHECK(parameter_text(nlohmann::json(5)) == "5");
  CHECK(parameter_text(nlohmann::json(-5)) == "-5");
  CHECK(parameter_text(nlohmann::json(0.1)) == "0.1");
  CHECK(parameter_text(nlohmann::json(10.0)) == "10");  // shortest round trip: no ".0"
  CHECK(parameter_text(nlohmann::json::parse(R"({"a":[1,2]})")) == R"({"a":[1,2]})");
}

TEST_CASE("the tables of a hand-made sweep", "[sweep]") {
  // 2 variants (/x = "a,b" and 3) x 2 replications, metrics m and k.
  const SweepSpec spec = spec_from(spec_text(R"(, "replications": 2, "seed": 3,
      "vary": [{"path": "/x", "values": ["a,b", 3]}],
      "metrics": [{"name": "m", "path": "/m"}, {"name": "k", "path": "/k"}])",
                                             false));
  const Grid grid(spec);
  const std::uint64_t s0 = replication_seed(3, 0), s1 = replication_seed(3, 1);
  // Given out of order, and run 1 twice: the tables sort by id and keep the first of an id.
  std::vector<RunRecord> records{{3, 1, 1, s1, {4.0, std::nullopt}},
                                 {0, 0, 0, s0, {1.0, 10.0}},
                                 {1, 0, 1, s1, {2.0, std::nullopt}},
                                 {2, 1, 0, s0, {6.0, std::nullopt}},
                                 {1, 0, 1, s1, {99.0, 99.0}}};
  const std::vector<io::OutputFile> files = sweep_tables(grid, spec.metrics, records);
  REQUIRE(files.size() == 2);
  CHECK(files[0].name == "results.csv");
  const std::string a = std::to_string(s0), b = std::to_string(s1);
  CHECK(files[0].content ==
        "run,variant,/x,replication,seed,m,k\n"
        "0,0,\"a,b\",0," +
            a +
            ",1,10\n"
            "1,0,\"a,b\",1," +
            b +
            ",2,\n"
            "2,1,3,0," +
            a +
            ",6,\n"
            "3,1,3,1," +
            b + ",4,\n");
  // Variant 0: m {1, 2}: mean 1.5, sd sqrt(0.5) = 0.7071067811865476,
  //   ci95 = t(0.975, 1) * sd / sqrt(2) = 12.706204736174705 * 0.5 = 6.353102368087353 (to rounding);
  //   k {10}: mean 10, no sd or ci.
  // Variant 1: m {6, 4}: mean 5, sd sqrt(2) = 1.4142135623730951, ci95 = 12.706204736174705;
  //   k none: every cell empty.
  const std::string& summary = files[1].content;
  CHECK(summary.rfind("variant,/x,n,m_mean,m_sd,m_ci95,k_mean,k_sd,k_ci95\n", 0) == 0);
  const std::string row0 = "0,\"a,b\",2,1.5,0.7071067811865476,";
  const std::string row1 = "1,3,2,5,1.4142135623730951,";
  CHECK(summary.find("\n" + row0) != std::string::npos);
  CHECK(summary.find(",10,,\n1,3,") != std::string::npos);  // variant 0's k: mean 10, no sd, no ci
  CHECK(summary.find("\n" + row1) != std::string::npos);
  CHECK(summary.substr(summary.size() - 4) == ",,,\n");  // variant 1's k: nothing
  // The ci cells, read back.
  const auto cell_after = [&](const std::string& prefix) {
    const std::size_t at = summary.find(prefix) + prefix.size();
    return std::stod(summary.substr(at, summary.find(',', at) - at));
  };
  CHECK(cell_after(row0) == Approx(6.353102368087353).epsilon(1e-12));
  CHECK(cell_after(row1) == Approx(12.706204736174705).epsilon(1e-12));
}

TEST_CASE("a dry run lists run, variant, parameters, replication, seed", "[sweep]") {
  const SweepSpec spec = spec_from(spec_text(R"(, "seed": 3, "vary": [{"path": "/x", "values": [1, 2]}])"));
  const Grid grid(spec);
  CHECK(runs_csv(grid, {1}) ==
        "run,variant,/x,replication,seed\n1,1,2,0," + std::to_string(replication_seed(3, 0)) + "\n");
}
