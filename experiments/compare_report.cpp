#include "experiments/compare_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "io/json_reader.hpp"

namespace repsim::experiments {
namespace {

std::string cell(const std::optional<double>& v) { return v ? io::format_number(*v) : std::string(); }

// Rounded for people: whole numbers from 100 up, one decimal from 10, two below.
std::string round_text(double v, double scale) {
  const double a = std::fabs(scale);
  char buf[64];
  std::snprintf(buf, sizeof buf, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : "%.2f", v);
  std::string s = buf;
  if (s == "-0" || s == "-0.0" || s == "-0.00") s.erase(0, 1);
  return s;
}

struct Unit {
  double divisor;
  const char* name;
};

// A latency's unit from the largest magnitude it is shown with, so a value and its interval share it.
Unit latency_unit(double largest) {
  if (largest >= 3600) return {3600, " h"};
  if (largest >= 60) return {60, " min"};
  return {1, " s"};
}

std::string verdict_word(Verdict v) {
  switch (v) {
    case Verdict::Same:
      return "same";
    case Verdict::NoDifference:
      return "no difference";
    case Verdict::BBetter:
      return "B better";
    case Verdict::ABetter:
      return "A better";
    case Verdict::TooFew:
      return "too few values";
  }
  return "?";
}

// "63.6 h less cut off (95% CI 58.3..68.8)": how much lower the better side is, with its interval.
std::string gain_phrase(const MeasureComparison& row, Verdict v) {
  const PairedComparison& c = row.stats;
  const double sign = v == Verdict::BBetter ? -1.0 : 1.0;
  double gain = sign * c.mean_diff;
  double low = sign * (v == Verdict::BBetter ? *c.ci95_high : *c.ci95_low);
  double high = sign * (v == Verdict::BBetter ? *c.ci95_low : *c.ci95_high);
  std::string unit;
  std::string what;
  switch (row.measure) {
    case CompareMeasure::CutOffHours:
      unit = " h";
      what = " less cut off";
      break;
    case CompareMeasure::LostOrQueued:
      what = " fewer messages lost or queued";
      break;
    case CompareMeasure::LatencyP95: {
      const Unit u = latency_unit(std::max({std::fabs(gain), std::fabs(low), std::fabs(high)}));
      gain /= u.divisor;
      low /= u.divisor;
      high /= u.divisor;
      unit = u.name;
      what = " shorter delivery latency p95";
      break;
    }
  }
  const double scale = std::max({std::fabs(gain), std::fabs(low), std::fabs(high)});
  return round_text(gain, scale) + unit + what + " (95% CI " + round_text(low, scale) + ".." +
         round_text(high, scale) + ")";
}

std::string entity_label(const MeasureComparison& row) { return row.id + " (" + row.kind + ")"; }

}  // namespace

Verdict verdict_of(const PairedComparison& c) {
  if (c.n >= 1 && c.identical) return Verdict::Same;
  if (!c.ci95_low || !c.ci95_high) return Verdict::TooFew;
  if (*c.ci95_high < 0) return Verdict::BBetter;
  if (*c.ci95_low > 0) return Verdict::ABetter;
  return Verdict::NoDifference;
}

std::vector<std::string> headline(const CompareResult& result) {
  std::vector<std::string> lines;
  for (std::size_t i = 0; i < result.rows.size(); i += kCompareMeasures) {
    bool all_same = true;
    std::vector<std::string> for_a, for_b;
    for (std::size_t m = 0; m < kCompareMeasures; ++m) {
      const MeasureComparison& row = result.rows[i + m];
      const Verdict v = verdict_of(row.stats);
      all_same = all_same && v == Verdict::Same;
      if (v == Verdict::BBetter) for_b.push_back(gain_phrase(row, v));
      if (v == Verdict::ABetter) for_a.push_back(gain_phrase(row, v));
    }
    const auto join = [](const std::vector<std::string>& parts) {
      std::string s;
      for (const std::string& p : parts) s += (s.empty() ? "" : ", ") + p;
      return s;
    };
    std::string line = entity_label(result.rows[i]) + ": ";
    if (all_same)
      line += "same";
    else if (for_a.empty() && for_b.empty())
      line += "no difference";
    else if (for_a.empty())
      line += "B is better: " + join(for_b);
    else if (for_b.empty())
      line += "A is better: " + join(for_a);
    else
      line += "mixed: B " + join(for_b) + "; A " + join(for_a);
    lines.push_back(std::move(line));
  }
  return lines;
}

std::string differences_csv(const CompareResult& result) {
  std::string out =
      "entity_kind,entity,measure,mean_a,mean_b,mean_diff,sd_diff,ci95_low,ci95_high,n,correlation,"
      "unpaired_ci95_low,unpaired_ci95_high,verdict\n";
  for (const MeasureComparison& row : result.rows) {
    const PairedComparison& c = row.stats;
    const bool any = c.n > 0;
    out += row.kind + "," + row.id + "," + std::string(measure_name(row.measure)) + ",";
    out += (any ? io::format_number(c.mean_a) : "") + "," + (any ? io::format_number(c.mean_b) : "") + "," +
           (any ? io::format_number(c.mean_diff) : "") + ",";
    out += cell(c.sd_diff) + "," + cell(c.ci95_low) + "," + cell(c.ci95_high) + "," + std::to_string(c.n) +
           "," + cell(c.correlation) + "," + cell(c.unpaired_low) + "," + cell(c.unpaired_high) + "," +
           verdict_word(verdict_of(c)) + "\n";
  }
  return out;
}

std::string replications_csv(const CompareResult& result) {
  std::string out = "entity_kind,entity,measure,replication,seed,a,b,diff\n";
  for (const MeasureComparison& row : result.rows)
    for (std::size_t k = 0; k < row.a.size(); ++k)
      out += row.kind + "," + row.id + "," + std::string(measure_name(row.measure)) + "," +
             std::to_string(row.replications[k]) + "," + std::to_string(result.seeds[row.replications[k]]) +
             "," + io::format_number(row.a[k]) + "," + io::format_number(row.b[k]) + "," +
             io::format_number(row.b[k] - row.a[k]) + "\n";
  return out;
}

std::string compare_markdown(const CompareResult& result, const CompareSide& a, const CompareSide& b,
                             const CompareOptions& options) {
  std::string md = "# Comparison: A = " + a.label + ", B = " + b.label + "\n\n";
  for (const CompareSide* side : {&a, &b})
    if (!side->description.empty())
      md += std::string(side == &a ? "A" : "B") + " (" + side->label + "): " + side->description + "\n\n";
  md += std::to_string(options.replications) +
        " replications of each design on common random numbers: replication k of both uses the seed a "
        "sweep with seed " +
        std::to_string(options.seed) + " gives its replication k";
  if (options.until) md += "; each run stops at " + sim::format_duration(*options.until);
  md +=
      ". Differences are B - A, and lower is better for every measure. A design is better for an "
      "entity when the paired 95% confidence interval of the difference excludes 0.\n\n";
  md += "## Who is better off\n\n";
  for (const std::string& line : headline(result)) md += "- " + line + "\n";
  if (result.rows.empty()) md += "- (the designs share no tenant, population or gateway)\n";
  md += "\n## Differences\n\n";
  md +=
      "| Entity | Measure | A mean | B mean | B - A | paired 95% CI | r(A, B) | unpaired 95% CI | n | "
      "verdict |\n";
  md += "|---|---|---:|---:|---:|---|---:|---|---:|---|\n";
  const auto num = [](double v) { return round_text(v, v); };
  const auto range = [&](const std::optional<double>& lo, const std::optional<double>& hi) {
    return lo && hi ? num(*lo) + " .. " + num(*hi) : std::string("-");
  };
  for (const MeasureComparison& row : result.rows) {
    const PairedComparison& c = row.stats;
    md += "| " + entity_label(row) + " | " + std::string(measure_name(row.measure)) + " | ";
    if (c.n == 0) {
      md += "- | - | - | - | - | - | 0 | " + verdict_word(verdict_of(c)) + " |\n";
      continue;
    }
    md += num(c.mean_a) + " | " + num(c.mean_b) + " | " + num(c.mean_diff) + " | " +
          range(c.ci95_low, c.ci95_high) + " | " + (c.correlation ? round_text(*c.correlation, 1) : "-") +
          " | " + range(c.unpaired_low, c.unpaired_high) + " | " + std::to_string(c.n) + " | " +
          verdict_word(verdict_of(c)) + " |\n";
  }
  if (!result.only_a.empty() || !result.only_b.empty()) {
    md += "\n## Not compared\n\n";
    for (const std::string& e : result.only_a) md += "- only in A: " + e + "\n";
    for (const std::string& e : result.only_b) md += "- only in B: " + e + "\n";
  }
  md +=
      "\n## Measures\n\n"
      "- cut_off_hours: for a tenant, wall-clock hours during which at least one gateway had it cut off "
      "(the union of its outages); for a gateway, hours during which it had at least one tenant cut off; "
      "for a population, the sum over its members.\n"
      "- lost_or_queued: legit messages that never arrived (rejected, expired or filtered) plus messages "
      "still queued when the run ended.\n"
      "- latency_p95_s: the 95th percentile of delivered mail's latency in seconds (replications where "
      "a side delivered nothing are left out: n counts the rest).\n"
      "- r(A, B): the correlation of the two designs across replications; the higher it is, the "
      "narrower the paired interval is than the unpaired (Welch) one beside it.\n";
  return md;
}

}  // namespace repsim::experiments
