// The journal: exact round trip, torn and foreign lines, atomic rewrite.
#include <catch2/catch.hpp>
#include <cmath>

#include "experiments/journal.hpp"
#include "sweep_fixture.hpp"

using namespace repsim;
using namespace repsim::experiments;
using repsim::sweep_test::read_file;
using repsim::sweep_test::TempDir;
using repsim::sweep_test::write_plain;

namespace {

RunRecord record(RunId id, std::vector<std::optional<double>> metrics) {
  return RunRecord{id, id / 2, static_cast<std::uint32_t>(id % 2), 1000 + id, std::move(metrics)};
}

}  // namespace

TEST_CASE("a journal line is one JSON object and reads back bit for bit", "[sweep]") {
  const RunRecord r = record(7, {12, 0.1, std::nullopt, 1e300, -0.0});
  const std::string line = journal_line(r);
  // -0 is written "-0.0": JSON "-0" would read back as the integer 0 and lose its sign.
  CHECK(line ==
        "{\"id\":7,\"variant\":3,\"replication\":1,\"seed\":1007,\"metrics\":[12,0.1,null,1e+300,-0.0]}\n");
  const auto back = parse_journal_line(std::string_view(line).substr(0, line.size() - 1), 5);
  REQUIRE(back);
  CHECK(back->id == 7);
  CHECK(back->variant == 3);
  CHECK(back->replication == 1);
  CHECK(back->seed == 1007);
  CHECK(back->metrics[1] == 0.1);
  CHECK_FALSE(back->metrics[2]);
  CHECK(back->metrics[3] == 1e300);
  CHECK(std::signbit(*back->metrics[4]));
  // NaN never reaches a summary; if it did, it would be written null rather than break the JSON.
  CHECK(journal_line(record(0, {std::nan("")})).find("[null]") != std::string::npos);
}

TEST_CASE("lines that are not exactly a record are refused", "[sweep]") {
  CHECK_FALSE(
      parse_journal_line(R"({"id":1,"variant":0,"replication":1,"seed":5,"metrics":[1,2]})", 3));  // count
  CHECK_FALSE(parse_journal_line(R"({"id":1,"variant":0,"replication":1,"seed":5,"metrics":[1,"x"]})", 2));
  CHECK_FALSE(parse_journal_line(R"({"id":-1,"variant":0,"replication":1,"seed":5,"metrics":[]})", 0));
  CHECK_FALSE(parse_journal_line(R"({"id":1,"variant":0,"replication":1,"seed":5,"metrics":[],"x":1})", 0));
  CHECK_FALSE(parse_journal_line(R"({"id":1,"variant":0,"replication":1,"seed":5,"metr)", 0));
  CHECK(parse_journal_line(R"({"id":1,"variant":0,"replication":1,"seed":5,"metrics":[]})", 0));
}

TEST_CASE("reading a journal skips a torn last line and unreadable ones", "[sweep]") {
  TempDir dir;
  const auto path = dir.path() / kJournalFile;
  CHECK(read_journal(path, 1).records.empty());  // missing: empty, clean
  CHECK(read_journal(path, 1).clean);

  const std::string a = journal_line(record(0, {1.5}));
  const std::string b = journal_line(record(1, {2.5}));
  const std::string c = journal_line(record(2, {3.5}));
  // Complete: three records.
  write_plain(path, a + b + c);
  JournalScan full = read_journal(path, 1);
  CHECK(full.clean);
  REQUIRE(full.records.size() == 3);
  CHECK(full.records[2].metrics[0] == 3.5);
  // Killed mid-line: c cut after 10 bytes is ignored, a and b stay.
  write_plain(path, a + b + c.substr(0, 10));
  JournalScan torn = read_journal(path, 1);
  CHECK_FALSE(torn.clean);
  CHECK(torn.bad_lines == 1);
  REQUIRE(torn.records.size() == 2);
  CHECK(torn.records[1].id == 1);
  // Even a complete object without its newline is torn: the newline is the commit.
  write_plain(path, a + b.substr(0, b.size() - 1));
  CHECK(read_journal(path, 1).records.size() == 1);
  // Garbage in the middle costs only its own line.
  write_plain(path, a + "garbage\n" + c);
  JournalScan mid = read_journal(path, 1);
  CHECK(mid.bad_lines == 1);
  CHECK(mid.records.size() == 2);
}

TEST_CASE("the writer appends whole lines and a rewrite replaces the file", "[sweep]") {
  TempDir dir;
  const auto path = dir.path() / kJournalFile;
  {
    JournalWriter w(path);
    w.append(record(4, {1}));
    w.append(record(5, {std::nullopt}));
  }
  CHECK(read_file(path) == journal_line(record(4, {1})) + journal_line(record(5, {std::nullopt})));
  {
    JournalWriter w(path);  // reopening appends
    w.append(record(6, {2}));
  }
  CHECK(read_journal(path, 1).records.size() == 3);
  rewrite_journal(path, {record(9, {3})});
  CHECK(read_file(path) == journal_line(record(9, {3})));
}
