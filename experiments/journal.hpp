#pragma once
// The journal of a sweep (runs.jsonl): one line per finished run, appended and fsync'ed as the run
// finishes, so a sweep killed at any moment loses at most the runs still in progress. A line is
// written by one write(2) call; a kill can at worst leave the last line torn, which reading ignores
// (and a resumed sweep cuts off before appending). The tables are made from the journal only.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "experiments/grid.hpp"

namespace repsim::experiments {

inline constexpr const char* kJournalFile = "runs.jsonl";

struct RunRecord {
  RunId id = 0;
  std::uint64_t variant = 0;
  std::uint32_t replication = 0;
  std::uint64_t seed = 0;
  std::vector<std::optional<double>> metrics;  // in spec order; absent is null
};

// {"id":7,"variant":3,"replication":1,"seed":123,"metrics":[12,0.5,null]} and a newline. Numbers are
// the shortest text that reads back as the same double, so a record survives the journal bit for
// bit; a non-finite metric (which summaries never hold) is written null.
std::string journal_line(const RunRecord& record);
// A line without its newline; nullopt unless it is exactly such an object with `metric_count` metrics.
std::optional<RunRecord> parse_journal_line(std::string_view line, std::size_t metric_count);

struct JournalScan {
  std::vector<RunRecord> records;  // in file order
  std::size_t bad_lines = 0;       // unreadable lines, the torn last one included
  bool clean = true;               // every line complete and readable
};
// A missing file is an empty journal.
JournalScan read_journal(const std::filesystem::path& path, std::size_t metric_count);
// Replaces the journal with exactly these records, atomically (io/atomic_file.hpp).
void rewrite_journal(const std::filesystem::path& path, const std::vector<RunRecord>& records);

// Appends records from any thread.
class JournalWriter {
 public:
  explicit JournalWriter(const std::filesystem::path& path);  // created when missing
  ~JournalWriter();
  JournalWriter(const JournalWriter&) = delete;
  JournalWriter& operator=(const JournalWriter&) = delete;
  // Returns once the line is on disk (fdatasync). Throws std::runtime_error naming the file.
  void append(const RunRecord& record);

 private:
  std::filesystem::path path_;
  int fd_ = -1;
  std::mutex mutex_;
};

}  // namespace repsim::experiments
