#pragma once
// The tables of a sweep, made from journal records only (so an interrupted and resumed sweep, a
// sweep with more threads and a merge of shards all write the same bytes):
//   results.csv  run,variant,<each varied pointer>,replication,seed,<each metric>   one row per run
//   summary.csv  variant,<each varied pointer>,n,<metric>_mean,<metric>_sd,<metric>_ci95,...
// Rows in run id (variant) order. Numbers are the shortest text that reads back as the same double
// (std::to_chars), so the files are the same on every platform; an absent value is an empty cell.
// Statistics of a metric use the runs where it has a value (experiments/statistics.hpp).
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "experiments/grid.hpp"
#include "experiments/journal.hpp"
#include "experiments/metric_path.hpp"
#include "io/atomic_file.hpp"
#include "io/timeseries_csv.hpp"

namespace repsim::experiments {

inline constexpr const char* kResultsFile = "results.csv";
inline constexpr const char* kSummaryFile = "summary.csv";

// The run outputs' CSV quoting (RFC 4180), shared so both kinds of table quote alike.
using io::csv_field;
// A parameter value in a cell: a string as itself, a number as its shortest text, anything else as
// compact JSON.
std::string parameter_text(const nlohmann::json& value);

// `records` sorted by id, one per run.
std::string results_csv(const Grid& grid, const std::vector<MetricSpec>& metrics,
                        const std::vector<RunRecord>& records);
std::string summary_csv(const Grid& grid, const std::vector<MetricSpec>& metrics,
                        const std::vector<RunRecord>& records);
// The runs a dry run lists: run,variant,<params>,replication,seed.
std::string runs_csv(const Grid& grid, const std::vector<RunId>& runs);

// Sorts by id, keeps the first record of an id, and renders both tables (results.csv, summary.csv).
std::vector<io::OutputFile> sweep_tables(const Grid& grid, const std::vector<MetricSpec>& metrics,
                                         std::vector<RunRecord> records);

}  // namespace repsim::experiments
