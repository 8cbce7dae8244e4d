// events.csv: one tidy row per record, each entity in its own column.
#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "ecosystem_fixture.hpp"
#include "index_literals.hpp"
#include "io/events_csv.hpp"
#include "writers_fixture.hpp"

using namespace repsim;
using namespace repsim::models::index_literals;

namespace {

constexpr const char* kHeader =
    "time_iso,time_s,kind,actor,tenant,gateway,provider,pool,ip,scorer,operator,from,to,cause,value,text";

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Rows without quoted fields, split at commas.
std::vector<std::vector<std::string>> plain_rows(const std::string& csv) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(csv);
  for (std::string line; std::getline(in, line);) {
    if (line.find('"') != std::string::npos) continue;
    std::vector<std::string> cells;
    std::string::size_type from = 0;
    for (auto comma = line.find(','); comma != std::string::npos; comma = line.find(',', from)) {
      cells.push_back(line.substr(from, comma - from));
      from = comma + 1;
    }
    cells.push_back(line.substr(from));
    rows.push_back(std::move(cells));
  }
  return rows;
}

}  // namespace

TEST_CASE("events.csv: tidy columns, quoted where needed", "[writers]") {
  models::EcosystemConfig c = writers_test::writers_world();
  c.timeline.push_back({sim::seconds(90), "op,1", models::Note{"he said \"hi\"\nbye"}});
  c.timeline.push_back({sim::hours(2) + 250 * sim::kMillisecond, "", models::SetThreshold{1_gateway, 0.5}});
  const auto eco = writers_test::run_world(std::move(c));
  const std::string csv = io::events_csv(*eco);
  CHECK(csv.rfind(std::string(kHeader) + "\n", 0) == 0);
  // 16:30:00 + 90 s = 16:31:30: a note has an actor and text only.
  CHECK(
      contains(csv, "\n2012-05-09T16:31:30-04:00,90,note,\"op,1\",,,,,,,,,,,,\"he said \"\"hi\"\"\nbye\"\n"));
  // 16:30 + 2 h 0.25 s = 18:30:00.250000 (microseconds printed when there are any): the gateway and
  // the threshold in their columns.
  CHECK(contains(csv,
                 "\n2012-05-09T18:30:00.250000-04:00,7200.25,set_threshold,timeline,,strict,,,,,,,,,0.5,"
                 "strict accepts scores >= 0.5 (Neutral)\n"));
  // The 17:00 restore to -5: the first IP of pool "out" from no score to Poor, by the scorer.
  CHECK(contains(csv,
                 "\n2012-05-09T17:00:00-04:00,1800,band_change,senderbase,,,,out,10.0.0.0,senderbase,,"
                 "unscored,Poor,,-5,\n"));
  CHECK(contains(csv, ",restore_score,timeline,,,,,,senderbase,,,,,-5,senderbase sets all IPs to -5\n"));
  // beta -> strict is refused for reputation: nobody's act, the pair and the cause in columns.
  // Its value: the hours it had lasted when told (docs/outages.md).
  CHECK(contains(csv, ",outage_start,,beta,strict,,,,,,,,reputation,"));
}

TEST_CASE("events.csv: a population member's outage has its tenant and gateway in their columns",
          "[writers]") {
  models::EcosystemConfig c = testing::pool_world(false);
  c.tenants[7].config.id = "ded_t#7";
  c.gateways[testing::kGoodOnly].id = "goodonly";
  models::Ecosystem eco(std::move(c));
  eco.run_until(sim::hours(64));  // the pool is Neutral from the burst at 48 h: good-only defers
  eco.finish();
  const auto rows = plain_rows(io::events_csv(eco));
  REQUIRE(rows.size() > 1);
  const std::vector<std::string>& header = rows.front();
  const auto column = [&](const std::string& name) {
    const auto it = std::find(header.begin(), header.end(), name);
    REQUIRE(it != header.end());
    return static_cast<std::size_t>(it - header.begin());
  };
  const std::size_t kind = column("kind"), actor = column("actor"), tenant = column("tenant"),
                    gateway = column("gateway"), cause = column("cause");
  std::size_t found = 0;
  for (const auto& row : rows) {
    REQUIRE(row.size() == header.size());
    if (row[kind] != "outage_start" || row[tenant] != "ded_t#7") continue;
    ++found;
    CHECK(row[gateway] == "goodonly");
    CHECK(row[actor].empty());
    CHECK(row[cause] == "reputation");
  }
  CHECK(found == 1);
}
