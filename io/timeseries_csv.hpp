#pragma once
// timeseries.csv: every gauge sample of the run in tidy form, one row per (time, entity, metric),
// so a data frame reads it without reshaping. Also the CSV and number formatting shared by the
// CSV writers.
#include <string>
#include <string_view>

#include "sim/calendar.hpp"
#include "sim/metrics.hpp"
#include "sim/time.hpp"

namespace repsim::io {

// One CSV field (RFC 4180): quoted when it holds a comma, a quote, CR or LF; quotes are doubled.
std::string csv_field(std::string_view text);

// Shortest text that reads back as the same double (locale-independent, the same on every
// platform); NaN -> "" (a missing value), infinities -> "inf" / "-inf", -0 -> "0".
std::string csv_number(double v);

// A sim time as exact decimal seconds: 5400 s -> "5400", 1.5 s -> "1.5", 1 us -> "0.000001".
std::string format_seconds(sim::Time t);

// Header "time_iso,time_s,entity,metric,value"; the samples in the order they were taken (time,
// then gauge registration order), then one row per counter at `end` (counters have no history).
// Lines end in "\n".
std::string timeseries_csv(const sim::Metrics& metrics, const sim::Calendar& calendar, sim::Time end);

}  // namespace repsim::io
