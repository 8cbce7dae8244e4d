#include <catch2/catch.hpp>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "io/atomic_file.hpp"
#include "io/run_outputs.hpp"
#include "writers_fixture.hpp"

using repsim::io::OutputFile;
using repsim::io::write_file_atomic;
using repsim::io::write_files_atomic;
using repsim::writers_test::listing;
using repsim::writers_test::read_file;
using repsim::writers_test::TempDir;
using repsim::writers_test::write_plain;
namespace fs = std::filesystem;

namespace {

// The message of the runtime_error `f` throws; fails the test when it throws nothing.
template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  FAIL("no std::runtime_error thrown");
  return "";
}

}  // namespace

TEST_CASE("write_file_atomic creates, then replaces, and leaves no temporary file", "[writers]") {
  TempDir dir;
  const fs::path target = dir.path() / "out.txt";
  write_file_atomic(target, "first\n");
  CHECK(read_file(target) == "first\n");
  write_file_atomic(target, "second, longer content\n");
  CHECK(read_file(target) == "second, longer content\n");
  write_file_atomic(target, "");  // an empty file is a valid output, not a failure
  CHECK(read_file(target).empty());
  CHECK(listing(dir.path()) == std::vector<std::string>{"out.txt"});
}

TEST_CASE("write_files_atomic creates missing directories and writes every file", "[writers]") {
  TempDir dir;
  const fs::path out = dir.path() / "a" / "b";
  write_files_atomic(out, {OutputFile{"x.csv", "1,2\n"}, OutputFile{"y.json", "{}\n"}});
  CHECK(read_file(out / "x.csv") == "1,2\n");
  CHECK(read_file(out / "y.json") == "{}\n");
  CHECK(listing(out) == std::vector<std::string>{"x.csv", "y.json"});
}

TEST_CASE("a failing file leaves the whole set untouched and names the path", "[writers]") {
  TempDir dir;
  write_plain(dir.path() / "first.txt", "old");
  // The second target is a directory (with content, so no rename could replace it): its write fails
  // after the first file's temporary copy was written, which must then disappear.
  fs::create_directories(dir.path() / "second.txt" / "inside");
  const std::string what = error_of([&] {
    write_files_atomic(dir.path(), {OutputFile{"first.txt", "new"}, OutputFile{"second.txt", "x"},
                                    OutputFile{"third.txt", "y"}});
  });
  CHECK_THAT(what, Catch::Contains((dir.path() / "second.txt").string()));
  CHECK(read_file(dir.path() / "first.txt") == "old");
  CHECK(listing(dir.path()) == std::vector<std::string>{"first.txt", "second.txt"});
}

TEST_CASE("an output directory that cannot be created throws with its path", "[writers]") {
  TempDir dir;
  write_plain(dir.path() / "plain", "a file, not a directory");
  const fs::path out = dir.path() / "plain" / "sub";
  const std::string what = error_of([&] { write_files_atomic(out, {OutputFile{"x", "1"}}); });
  CHECK_THAT(what, Catch::Contains(out.string()));
  CHECK(listing(dir.path()) == std::vector<std::string>{"plain"});
}

TEST_CASE("write_run_outputs writes the four files, or none of them", "[writers]") {
  auto eco = repsim::writers_test::run_world(repsim::writers_test::writers_world());
  const repsim::io::RunInfo info{"tiny", "a test world", 7, {}};
  TempDir dir;

  SECTION("success") {
    const fs::path out = dir.path() / "run";
    repsim::io::write_run_outputs(*eco, info, out.string());
    CHECK(listing(out) ==
          std::vector<std::string>{"events.csv", "report.html", "summary.json", "timeseries.csv"});
    for (const auto& name : listing(out)) CHECK_FALSE(read_file(out / name).empty());
  }
  SECTION("failure keeps the previous set") {
    write_plain(dir.path() / "summary.json", "previous");
    fs::create_directories(dir.path() / "report.html" / "blocker");
    const std::string what =
        error_of([&] { repsim::io::write_run_outputs(*eco, info, dir.path().string()); });
    CHECK_THAT(what, Catch::Contains((dir.path() / "report.html").string()));
    CHECK(read_file(dir.path() / "summary.json") == "previous");
    CHECK(listing(dir.path()) == std::vector<std::string>{"report.html", "summary.json"});
  }
}

TEST_CASE("two runs with the same seed write byte-identical files", "[writers]") {
  TempDir dir;
  const repsim::io::RunInfo info{"tiny", "determinism", 7, {}};
  for (const char* sub : {"one", "two"}) {
    auto eco = repsim::writers_test::run_world(repsim::writers_test::writers_world(7));
    repsim::io::write_run_outputs(*eco, info, (dir.path() / sub).string());
  }
  for (const char* name : {"summary.json", "timeseries.csv", "events.csv", "report.html"}) {
    INFO(name);
    const std::string one = read_file(dir.path() / "one" / name);
    CHECK_FALSE(one.empty());
    CHECK(one == read_file(dir.path() / "two" / name));
  }
  // And a different seed changes the traffic, so the comparison above can fail.
  auto other = repsim::writers_test::run_world(repsim::writers_test::writers_world(8));
  repsim::io::write_run_outputs(*other, info, (dir.path() / "three").string());
  CHECK(read_file(dir.path() / "one" / "timeseries.csv") !=
        read_file(dir.path() / "three" / "timeseries.csv"));
}
