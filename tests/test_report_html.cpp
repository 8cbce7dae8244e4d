#include <catch2/catch.hpp>

#include <regex>
#include <string>

#include "index_literals.hpp"
#include "io/report_html.hpp"
#include "io/svg_chart.hpp"
#include "writers_fixture.hpp"

using namespace repsim;
using namespace repsim::models::index_literals;

namespace {

std::size_t occurrences(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto pos = text.find(part); pos != std::string::npos; pos = text.find(part, pos + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("escape covers the five HTML specials", "[writers]") {
  CHECK(io::svg::escape(R"(a<b>&"c"'d')") == "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;");
  CHECK(io::svg::coord(-0.04) == "0.0");
  CHECK(io::svg::coord(12.345) == "12.3");
}

TEST_CASE("time ticks fall on local hours and label midnights with the day", "[writers]") {
  const auto cal = sim::Calendar::parse("2012-05-09T16:30:00-04:00");
  // One day from 16:30 local: 24 h / 12 ticks -> 3 h steps at local 18:00, 21:00, Thu 00:00, ...,
  // 15:00; the first tick is 1.5 h after the start.
  const auto ticks = io::svg::time_ticks(cal, 0, sim::days(1));
  REQUIRE(ticks.size() == 8);
  CHECK(ticks[0].t == sim::minutes(90));
  CHECK(ticks[0].label == "18:00");
  CHECK(ticks[2].label == "Thu 10");
  CHECK(ticks[2].t == sim::minutes(450));
  CHECK(ticks[7].label == "15:00");
  // Ticks on 0..5 step 1, 0..0.3 step 0.05 -> labels with two decimals.
  const auto y = io::svg::nice_ticks(0, 5);
  REQUIRE(y.size() == 6);
  CHECK(y[5].second == "5");
  const auto small = io::svg::nice_ticks(0, 0.3, 6);
  REQUIRE(small.size() == 7);
  CHECK(small[1].second == "0.05");
}

TEST_CASE("report.html is one self-contained page with a chart per topic", "[writers]") {
  models::EcosystemConfig c = writers_test::writers_world();
  // strict lowers its threshold to 0.5 at T+12 h: its dashed threshold line starts there.
  c.timeline.push_back(models::TimedAction{sim::hours(12), "", models::SetThreshold{1_gateway, 0.5}});
  auto eco = writers_test::run_world(std::move(c));
  const std::string html = io::report_html(*eco, io::RunInfo{"tiny <&> world", "desc \"quoted\"", 7});

  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.size() >= 7);
  CHECK(html.substr(html.size() - 8) == "</html>\n");
  CHECK(html.find("http") == std::string::npos);  // nothing fetched, not even an xmlns
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<link") == std::string::npos);
  // No NaN or infinity leaked into a coordinate ("Tenants" holds "nan" inside a word).
  CHECK_FALSE(std::regex_search(html, std::regex("[^A-Za-z](nan|inf)[^A-Za-z]")));
  CHECK(html.find("<h1>tiny &lt;&amp;&gt; world</h1>") != std::string::npos);
  CHECK(html.find("desc &quot;quoted&quot;") != std::string::npos);
  // 1 score chart (one scorer) + 2 gateway panels + 1 outage timeline, each a balanced <svg>.
  CHECK(occurrences(html, "<svg ") == 4);
  CHECK(occurrences(html, "</svg>") == 4);
  CHECK(occurrences(html, "<table>") == occurrences(html, "</table>"));
  // Bands shaded and labelled, threshold dashed, outage bar coloured by cause with a legend.
  CHECK(html.find(">Poor</text>") != std::string::npos);
  CHECK(html.find(">strict threshold</text>") != std::string::npos);
  CHECK(html.find("stroke-dasharray") != std::string::npos);
  CHECK(html.find(">beta -&gt; strict</text>") != std::string::npos);
  CHECK(html.find(">reputation</text>") != std::string::npos);
  CHECK(html.find("<td>alpha</td>") != std::string::npos);
}
