#include "models/traffic_profile.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace repsim::models {

namespace {

using sim::kDay;
using sim::kHour;
using sim::kMinute;
using sim::kNever;
using sim::kWeek;
using sim::Time;

[[noreturn]] void bad(const std::string& why) { throw std::invalid_argument("traffic profile: " + why); }

void check_weight(double w, const std::string& what) {
  if (!std::isfinite(w) || w < 0.0) bad(what + " must be finite and >= 0, got " + std::to_string(w));
}

bool is_weekend_day(int day) { return day >= 5; }  // Monday = 0

// Appends [start, end) with weight w, merging it into the previous piece when the weight matches.
void append(std::vector<RateSegment>& out, Time start, Time end, double w) {
  if (end <= start) return;
  if (!out.empty() && out.back().value == w && out.back().end == start) {
    out.back().end = end;
    return;
  }
  out.push_back({start, end, w});
}

// Whole-hour weights of one day, as Diurnal and Flat define them.
void append_hourly_day(std::vector<RateSegment>& out, Time day_start, const std::array<double, 24>& hourly,
                       double factor) {
  for (int h = 0; h < 24; ++h) {
    append(out, day_start + h * kHour, day_start + (h + 1) * kHour,
           hourly[static_cast<std::size_t>(h)] * factor);
  }
}

// Same clamping as WorkingHours: a window with start >= end is empty.
void append_business_day(std::vector<RateSegment>& out, Time day_start, const TrafficProfile& p,
                         bool working) {
  const int open = std::clamp(p.hours.start_minute, 0, 24 * 60);
  const int close = std::clamp(p.hours.end_minute, 0, 24 * 60);
  if (!working || open >= close) {
    append(out, day_start, day_start + kDay, p.off_hours_share);
    return;
  }
  append(out, day_start, day_start + open * kMinute, p.off_hours_share);
  append(out, day_start + open * kMinute, day_start + close * kMinute, 1.0);
  append(out, day_start + close * kMinute, day_start + kDay, p.off_hours_share);
}

double mass_of(const RateSegment& s) {
  // Rate first, then length, then / kHour: whole-minute pieces at whole-number rates stay exact.
  return s.value * static_cast<double>(s.end - s.start) / static_cast<double>(kHour);
}

Time floor_mod(Time a, Time b) {
  const Time r = a % b;
  return r < 0 ? r + b : r;
}

}  // namespace

TrafficProfile TrafficProfile::flat() { return TrafficProfile{}; }

TrafficProfile TrafficProfile::business_hours(sim::WorkingHours hours, double off_hours_share) {
  TrafficProfile p;
  p.kind = Kind::BusinessHours;
  p.hours = hours;
  p.off_hours_share = off_hours_share;
  return p;
}

TrafficProfile TrafficProfile::diurnal(std::array<double, 24> hourly, double weekend_factor) {
  TrafficProfile p;
  p.kind = Kind::Diurnal;
  p.hourly = hourly;
  p.weekend_factor = weekend_factor;
  return p;
}

void TrafficProfile::validate() const {
  switch (kind) {
    case Kind::Flat:
      return;
    case Kind::BusinessHours:
      check_weight(off_hours_share, "off_hours_share");
      break;
    case Kind::Diurnal:
      for (std::size_t h = 0; h < hourly.size(); ++h)
        check_weight(hourly[h], "hourly weight " + std::to_string(h));
      check_weight(weekend_factor, "weekend_factor");
      break;
  }
  double total = 0;
  for (const RateSegment& s : weekly_segments(*this)) total += mass_of(s);
  if (!(total > 0.0)) bad("the weekly intensity is zero everywhere (no hour can send)");
}

std::vector<RateSegment> weekly_segments(const TrafficProfile& p) {
  std::vector<RateSegment> out;
  for (int d = 0; d < 7; ++d) {
    const Time day_start = d * kDay;
    switch (p.kind) {
      case TrafficProfile::Kind::Flat:
        append(out, day_start, day_start + kDay, 1.0);
        break;
      case TrafficProfile::Kind::BusinessHours:
        append_business_day(out, day_start, p, p.hours.days[static_cast<std::size_t>(d)]);
        break;
      case TrafficProfile::Kind::Diurnal:
        append_hourly_day(out, day_start, p.hourly, is_weekend_day(d) ? p.weekend_factor : 1.0);
        break;
    }
  }
  return out;
}

double weekly_weight_hours(const TrafficProfile& profile) {
  double total = 0;
  for (const RateSegment& s : weekly_segments(profile)) total += mass_of(s);
  return total;
}

Time week_position(const sim::Calendar& cal, Time t) {
  // Unix day 0 (1970-01-01) was a Thursday, so local Mondays start at day 4 modulo 7.
  const Time local_us = cal.start_unix_us() + cal.utc_offset_minutes() * kMinute + t;
  return floor_mod(local_us - 4 * kDay, kWeek);
}

bool same_profile(const TrafficProfile& a, const TrafficProfile& b) {
  return a.kind == b.kind && a.hours.start_minute == b.hours.start_minute &&
         a.hours.end_minute == b.hours.end_minute && a.hours.days == b.hours.days &&
         a.off_hours_share == b.off_hours_share && a.hourly == b.hourly &&
         a.weekend_factor == b.weekend_factor;
}

std::shared_ptr<const WeeklyShape> WeeklyShape::of(const TrafficProfile& profile) {
  profile.validate();
  auto shape = std::make_shared<WeeklyShape>();
  shape->profile = profile;
  shape->segments = weekly_segments(profile);
  for (const RateSegment& s : shape->segments) shape->weight_hours += mass_of(s);
  return shape;
}

namespace {

void check_volume(double messages_per_day) {
  if (!std::isfinite(messages_per_day) || messages_per_day < 0.0) {
    throw std::invalid_argument("traffic: messages_per_day must be finite and >= 0, got " +
                                std::to_string(messages_per_day));
  }
}

const std::vector<RateSegment> kNoSegments;

}  // namespace

ArrivalRate::ArrivalRate(const TrafficProfile& profile, double messages_per_day) {
  check_volume(messages_per_day);
  profile.validate();
  if (messages_per_day == 0.0) return;
  *this = ArrivalRate(WeeklyShape::of(profile), messages_per_day);
}

// The scale is computed as it always was (7 x volume over the weekly integral), and each rate as
// weight x scale, so a shared shape gives bit-identical arrival times to a private copy.
ArrivalRate::ArrivalRate(std::shared_ptr<const WeeklyShape> shape, double messages_per_day) {
  check_volume(messages_per_day);
  if (!shape) throw std::invalid_argument("traffic: no weekly shape");
  if (messages_per_day == 0.0) return;
  weekly_mass_ = 7.0 * messages_per_day;
  scale_ = weekly_mass_ / shape->weight_hours;
  shape_ = std::move(shape);
}

const std::vector<RateSegment>& ArrivalRate::segments() const {
  return shape_ ? shape_->segments : kNoSegments;
}

std::size_t ArrivalRate::segment_at(Time week_pos) const {
  const std::vector<RateSegment>& segments = shape_->segments;
  const auto it = std::upper_bound(segments.begin(), segments.end(), week_pos,
                                   [](Time pos, const RateSegment& s) { return pos < s.start; });
  return static_cast<std::size_t>(it - segments.begin()) - 1;
}

double ArrivalRate::per_hour_at(const sim::Calendar& cal, Time t) const {
  if (!shape_) return 0.0;
  return per_hour(shape_->segments[segment_at(week_position(cal, t))]);
}

double ArrivalRate::expected_count(const sim::Calendar& cal, Time from, Time to) const {
  if (!shape_ || to <= from) return 0.0;
  const std::vector<RateSegment>& segments = shape_->segments;
  const Time whole_weeks = (to - from) / kWeek;
  double total = static_cast<double>(whole_weeks) * weekly_mass_;
  Time now = from + whole_weeks * kWeek;
  Time pos = week_position(cal, now);
  std::size_t i = segment_at(pos);
  while (now < to) {
    const RateSegment& s = segments[i];
    const Time step = std::min(s.end - pos, to - now);
    total += per_hour(s) * static_cast<double>(step) / static_cast<double>(kHour);
    now += step;
    pos = s.end;
    if (++i == segments.size()) {
      i = 0;
      pos = 0;
    }
  }
  return total;
}

Time ArrivalRate::next_arrival(const sim::Calendar& cal, Time t, double e, Time horizon) const {
  if (!shape_ || t >= horizon || !(e >= 0.0)) return kNever;
  const std::vector<RateSegment>& segments = shape_->segments;
  Time now = t;
  // Every stretch of one week holds exactly the weekly mass, wherever it starts: skip them whole.
  if (e >= weekly_mass_) {
    const double weeks = std::floor(e / weekly_mass_);
    const Time whole_weeks_left = (horizon - now) / kWeek;  // whole weeks: truncation intended
    if (weeks >= static_cast<double>(whole_weeks_left) + 1.0) return kNever;
    now += static_cast<Time>(weeks) * kWeek;
    if (now >= horizon) return kNever;
    e = std::max(0.0, e - weeks * weekly_mass_);
  }
  Time pos = week_position(cal, now);
  std::size_t i = segment_at(pos);
  for (;;) {
    const RateSegment& s = segments[i];
    const Time remaining = s.end - pos;
    const double rate = per_hour(s);
    if (rate > 0.0) {
      const double mass = rate * static_cast<double>(remaining) / static_cast<double>(kHour);
      if (e < mass) {
        const double dt = std::floor(e * static_cast<double>(kHour) / rate);
        const Time at = now + std::min(static_cast<Time>(dt), remaining - 1);
        return at < horizon ? at : kNever;
      }
      e -= mass;
    }
    now += remaining;
    if (now >= horizon) return kNever;
    pos = s.end;
    if (++i == segments.size()) {
      i = 0;
      pos = 0;
    }
  }
}

}  // namespace repsim::models
