#include "io/run_outputs.hpp"

#include <vector>

#include "io/atomic_file.hpp"
#include "io/events_csv.hpp"
#include "io/report_html.hpp"
#include "io/summary_json.hpp"
#include "io/timeseries_csv.hpp"

namespace repsim::io {

void write_run_outputs(const models::Ecosystem& eco, const RunInfo& info, const std::string& out_dir) {
  const sim::Time end = eco.simulation().now();
  // Everything is rendered before the first byte is written: a rendering error leaves no file.
  std::vector<OutputFile> files;
  files.push_back({"timeseries.csv", timeseries_csv(eco.metrics(), eco.calendar(), end)});
  files.push_back({"events.csv", events_csv(eco)});
  files.push_back({"report.html", report_html(eco, info)});
  files.push_back({"summary.json", summary_json_text(eco, info)});  // last: marks a complete set
  write_files_atomic(out_dir, files);
}

}  // namespace repsim::io
