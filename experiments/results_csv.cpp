#include "experiments/results_csv.hpp"

#include <algorithm>
#include <optional>

#include "experiments/statistics.hpp"
#include "io/json_reader.hpp"

namespace repsim::experiments {
namespace {

std::string number_cell(const std::optional<double>& v) { return v ? io::format_number(*v) : std::string(); }

void add_parameters(std::string& row, const Grid& grid, std::uint64_t variant) {
  for (const nlohmann::json* v : grid.parameters(variant)) row += "," + csv_field(parameter_text(*v));
}

std::string run_columns_header(const Grid& grid) {
  std::string h = "run,variant";
  for (const std::string& c : grid.columns()) h += "," + csv_field(c);
  return h + ",replication,seed";
}

}  // namespace

std::string parameter_text(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_unsigned()) return std::to_string(value.get<std::uint64_t>());
  if (value.is_number_integer()) return std::to_string(value.get<std::int64_t>());
  if (value.is_number_float()) return io::format_number(value.get<double>());
  return value.dump();
}

std::string runs_csv(const Grid& grid, const std::vector<RunId>& runs) {
  std::string out = run_columns_header(grid) + "\n";
  for (RunId id : runs) {
    const Run r = grid.run(id);
    std::string row = std::to_string(r.id) + "," + std::to_string(r.variant);
    add_parameters(row, grid, r.variant);
    out += row + "," + std::to_string(r.replication) + "," + std::to_string(r.seed) + "\n";
  }
  return out;
}

std::string results_csv(const Grid& grid, const std::vector<MetricSpec>& metrics,
                        const std::vector<RunRecord>& records) {
  std::string out = run_columns_header(grid);
  for (const MetricSpec& m : metrics) out += "," + csv_field(m.name);
  out += "\n";
  for (const RunRecord& r : records) {
    std::string row = std::to_string(r.id) + "," + std::to_string(r.variant);
    add_parameters(row, grid, r.variant);
    row += "," + std::to_string(r.replication) + "," + std::to_string(r.seed);
    for (const auto& v : r.metrics) row += "," + number_cell(v);
    out += row + "\n";
  }
  return out;
}

std::string summary_csv(const Grid& grid, const std::vector<MetricSpec>& metrics,
                        const std::vector<RunRecord>& records) {
  std::string out = "variant";
  for (const std::string& c : grid.columns()) out += "," + csv_field(c);
  out += ",n";
  for (const MetricSpec& m : metrics)
    for (const char* stat : {"_mean", "_sd", "_ci95"}) out += "," + csv_field(m.name + stat);
  out += "\n";
  // Records are sorted by id, so each variant's runs are one stretch.
  for (std::size_t first = 0; first < records.size();) {
    const std::uint64_t variant = records[first].variant;
    std::size_t last = first;
    while (last < records.size() && records[last].variant == variant) ++last;
    std::string row = std::to_string(variant);
    add_parameters(row, grid, variant);
    row += "," + std::to_string(last - first);
    for (std::size_t k = 0; k < metrics.size(); ++k) {
      std::vector<double> values;
      for (std::size_t i = first; i < last; ++i)
        if (records[i].metrics[k]) values.push_back(*records[i].metrics[k]);
      const SampleStats s = describe(values);
      row += "," + number_cell(s.mean) + "," + number_cell(s.sd) + "," + number_cell(s.ci95);
    }
    out += row + "\n";
    first = last;
  }
  return out;
}

std::vector<io::OutputFile> sweep_tables(const Grid& grid, const std::vector<MetricSpec>& metrics,
                                         std::vector<RunRecord> records) {
  std::stable_sort(records.begin(), records.end(),
                   [](const RunRecord& a, const RunRecord& b) { return a.id < b.id; });
  records.erase(std::unique(records.begin(), records.end(),
                            [](const RunRecord& a, const RunRecord& b) { return a.id == b.id; }),
                records.end());
  return {io::OutputFile{kResultsFile, results_csv(grid, metrics, records)},
          io::OutputFile{kSummaryFile, summary_csv(grid, metrics, records)}};
}

}  // namespace repsim::experiments
