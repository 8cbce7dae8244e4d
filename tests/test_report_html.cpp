#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <regex>
#include <string>
#include <vector>

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
  const std::string html = io::report_html(
      *eco,
      io::RunInfo{"tiny <&> world", "desc \"quoted\"", 7, {"Assumed volume: 240 a day.", "Note <two>."}});

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
  // strict's Good-only table accepts from Good's floor (no threshold: +inf) until the threshold
  // moves to 0.5: its "accepts >=" line, never "inf".
  CHECK(html.find(">strict accepts &gt;=</text>") != std::string::npos);
  CHECK(html.find("stroke-dasharray") != std::string::npos);
  // The pool's mean and, dotted beside it, its worst IP (8 IPs).
  CHECK(html.find(">out mean</text>") != std::string::npos);
  CHECK(html.find(">out worst IP</text>") != std::string::npos);
  // One pair in outage, labelled with its hours.
  CHECK(html.find(">beta -&gt; strict (") != std::string::npos);
  CHECK(html.find(">reputation</text>") != std::string::npos);
  CHECK(html.find("<td>alpha</td>") != std::string::npos);

  // The notes, escaped, and the story (its title line names the scenario).
  CHECK(html.find("<li>Assumed volume: 240 a day.</li>") != std::string::npos);
  CHECK(html.find("<li>Note &lt;two&gt;.</li>") != std::string::npos);
  CHECK(html.find("<pre class=\"story\">tiny: ") != std::string::npos);
  // The two scripted actions (restore at 30 min, threshold at 12 h) are listed and marked: markers
  // "1" and "2" on each of the 4 charts.
  CHECK(occurrences(html, "<ol class=\"markers\">") == 1);
  CHECK(html.find("restore_score") != std::string::npos);
  CHECK(html.find("set_threshold") != std::string::npos);
  CHECK(occurrences(html, "stroke-dasharray=\"2 3\"") == 2 * 4);
  // Populations (each tenant its own) and designs (both on the shared pool "out").
  CHECK(html.find("<th>population</th>") != std::string::npos);
  CHECK(html.find("<th>design</th>") != std::string::npos);
  CHECK(html.find("<tr><td>shared</td><td>2</td><td>1</td>") != std::string::npos);
  // The glossary names every figure the tables use.
  for (const char* term :
       {"<dt>band</dt>", "<dt>4xx vs 5xx</dt>", "<dt>deferral vs bounce</dt>", "<dt>cut-off hours</dt>",
        "<dt>outage pair-hours</dt>", "<dt>legit lost</dt>", "<dt>legit queued at end</dt>"})
    CHECK(html.find(term) != std::string::npos);
  // Nothing folded in a world this small.
  CHECK(html.find("more pairs") == std::string::npos);
}

TEST_CASE("the outage timeline shows the worst pairs first and says what it folds", "[writers]") {
  models::EcosystemConfig c = writers_test::writers_world();
  // 44 senders to the strict gateway, all deferred all day: 44 pairs in outage, 4 folded.
  const models::TenantSpec beta = c.tenants[1];
  for (int k = 0; k < 43; ++k) {
    models::TenantSpec t = beta;
    t.config.id = "extra#" + std::to_string(k);
    c.tenants.push_back(t);
  }
  auto eco = writers_test::run_world(std::move(c));
  const std::string html = io::report_html(*eco, io::RunInfo{"many", "", 7, {}});
  REQUIRE(eco->ledger().outages().size() == 44);
  // Expected: the 4 shortest outages (each pair has one, open until the end) are folded.
  std::vector<sim::Time> lengths;
  for (const models::OutageInterval& o : eco->ledger().outages()) lengths.push_back(o.duration(sim::days(1)));
  std::sort(lengths.begin(), lengths.end());
  const double folded_hours = sim::to_hours(lengths[0] + lengths[1] + lengths[2] + lengths[3]);
  char expected[96];
  std::snprintf(expected, sizeof expected, "… and 4 more pairs, %.1f pair-hours in all", folded_hours);
  CHECK(html.find(expected) != std::string::npos);
  // Rows are in descending hours: the first row's hours are the longest outage's.
  char longest[32];
  std::snprintf(longest, sizeof longest, " (%.1f h)</text>", sim::to_hours(lengths.back()));
  const auto first_row = html.find(" -&gt; strict (");
  REQUIRE(first_row != std::string::npos);
  CHECK(html.compare(html.find(" (", first_row + 5), std::strlen(longest), longest) == 0);
}

TEST_CASE("a time chart marks points above its capped axis", "[writers]") {
  const auto cal = sim::Calendar::parse("2012-05-09T16:30:00-04:00");
  io::svg::TimeChart c;
  c.t_to = sim::hours(3);
  c.y_max = 10;
  c.lines.push_back({"queue flush",
                     "#ff0000",
                     false,
                     false,
                     {{sim::hours(1), 5}, {sim::hours(2), 14000}, {sim::hours(3), 10}}});
  const std::string svg = io::svg::time_chart(c, cal);
  // 14000 is above 10: one triangle saying its true value; 10 is on the axis, not above it.
  CHECK(occurrences(svg, "(above the axis)") == 1);
  CHECK(svg.find("queue flush: 14000 (above the axis)") != std::string::npos);
}
