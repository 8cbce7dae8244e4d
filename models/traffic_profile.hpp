#pragma once
// When a tenant sends: the relative intensity of its mail over the local week, and the exact
// arrival times of the non-homogeneous Poisson process it defines.
//
// Intensities are piecewise constant (per local hour, or per working-hours boundary, which may fall
// on any minute), so the next arrival is found by inversion instead of thinning: draw E ~ Exp(1)
// and walk the constant segments, spending rate x length of each, until E is used up. Nothing is
// drawn and rejected, and segments with zero rate cost one step each however long they are.
#include <array>
#include <cstddef>
#include <memory>
#include <vector>

#include "sim/calendar.hpp"
#include "sim/time.hpp"

namespace repsim::models {

struct TrafficProfile {
  enum class Kind { Flat, BusinessHours, Diurnal };

  // An office-like day (assumption, no source figure): quiet nights, a ramp from 07:00, a plateau
  // 09:00-17:00 with a lunch dip, an evening tail. Relative values; only their ratios matter.
  static constexpr std::array<double, 24> kDefaultHourly{
      0.10, 0.08, 0.06, 0.06, 0.06, 0.08,  // 00-05
      0.15, 0.35, 0.70, 1.00, 1.00, 1.00,  // 06-11
      0.80, 1.00, 1.00, 1.00, 0.90, 0.60,  // 12-17
      0.45, 0.35, 0.30, 0.25, 0.20, 0.15,  // 18-23
  };

  Kind kind = Kind::Flat;

  // BusinessHours: inside `hours` the weight is 1, outside it is `off_hours_share`.
  // Default Mon-Fri 09:00-17:00 (sim::WorkingHours' default); 0.05: a little out-of-hours mail
  // (automated notices, late workers) -- an assumption, set 0 for strictly office-hours senders.
  sim::WorkingHours hours{};
  double off_hours_share = 0.05;

  // Diurnal: weight of local hour h is hourly[h], times weekend_factor on Saturday and Sunday.
  // 0.25: weekend mail at a quarter of the weekday level (assumption).
  std::array<double, 24> hourly = kDefaultHourly;
  double weekend_factor = 0.25;

  static TrafficProfile flat();
  static TrafficProfile business_hours(sim::WorkingHours hours = {}, double off_hours_share = 0.05);
  static TrafficProfile diurnal(std::array<double, 24> hourly = kDefaultHourly, double weekend_factor = 0.25);

  // Throws std::invalid_argument when a weight is negative or not finite, or the week has no mass.
  void validate() const;
};

// One constant piece of the local week: [start, end) measured from Monday 00:00 local.
struct RateSegment {
  sim::Time start = 0;
  sim::Time end = 0;
  double value = 0;  // a weight (weekly_segments) or messages per hour (ArrivalRate)
};

// The profile's weights over one local week, in order, covering [0, kWeek) without gaps; adjacent
// pieces of equal weight are merged (a flat profile is a single segment).
std::vector<RateSegment> weekly_segments(const TrafficProfile& profile);

// Integral of the weight over one week, in weight x hours (BusinessHours Mon-Fri 9-17 with
// off_hours_share 0: 40).
double weekly_weight_hours(const TrafficProfile& profile);

// Microseconds since the local Monday 00:00 of the week containing t (the calendar's offset is
// fixed, so every local week is exactly kWeek long).
sim::Time week_position(const sim::Calendar& cal, sim::Time t);

// Two profiles that give the same weekly weights field by field (a shape built for one serves the
// other).
bool same_profile(const TrafficProfile& a, const TrafficProfile& b);

// A profile's weights over one local week and their integral: what every sender with that profile
// shares, whatever its volume. Immutable once built, so many ArrivalRates (a population's members)
// may hold one copy instead of one each (a diurnal week is 168 segments).
struct WeeklyShape {
  TrafficProfile profile;             // what it was built from
  std::vector<RateSegment> segments;  // weekly_segments(profile): value = weight
  double weight_hours = 0;            // weekly_weight_hours(profile)

  // Validates the profile (std::invalid_argument).
  static std::shared_ptr<const WeeklyShape> of(const TrafficProfile& profile);
};

// The profile scaled to a volume. Normalisation: `messages_per_day` is the mean number of messages
// over a full week divided by 7, so a BusinessHours tenant of 100/day sends 700 a week, all on
// working days (140 each) when off_hours_share is 0. The scale is 7 x messages_per_day over the
// profile's weekly integral.
class ArrivalRate {
 public:
  ArrivalRate() = default;  // no traffic
  // Throws std::invalid_argument for a negative or non-finite volume or an invalid profile.
  ArrivalRate(const TrafficProfile& profile, double messages_per_day);
  // The same over a shape built before (shared, not copied). Throws for a bad volume or a null shape.
  ArrivalRate(std::shared_ptr<const WeeklyShape> shape, double messages_per_day);

  // Messages per hour per unit of weight.
  double scale() const { return scale_; }
  double messages_per_day() const { return weekly_mass_ / 7.0; }
  double per_hour_at(const sim::Calendar& cal, sim::Time t) const;
  // Expected number of arrivals in [from, to).
  double expected_count(const sim::Calendar& cal, sim::Time from, sim::Time to) const;

  // The first arrival after t of a process whose integrated rate from t reaches `e` (> 0 for an
  // Exp(1) draw); kNever when that is at or after `horizon`, or there is no traffic. Rounds down
  // to the microsecond but never past the end of the segment the arrival falls in, so an arrival
  // never lands on a zero-rate instant.
  sim::Time next_arrival(const sim::Calendar& cal, sim::Time t, double e, sim::Time horizon) const;

  // The weekly weights (multiply a value by scale() for messages per hour); empty without traffic.
  const std::vector<RateSegment>& segments() const;
  const std::shared_ptr<const WeeklyShape>& shape() const { return shape_; }

 private:
  std::size_t segment_at(sim::Time week_pos) const;
  double per_hour(const RateSegment& s) const { return s.value * scale_; }

  std::shared_ptr<const WeeklyShape> shape_;  // null: no traffic
  double scale_ = 0;
  double weekly_mass_ = 0;  // expected messages per week
};

}  // namespace repsim::models
