#pragma once
// The provider's outbound spam filter. It judges only spam: a filter that has a signature for a
// campaign catches it at catch_rate; a zero-day campaign (no signature yet) passes untouched.
#include <stdexcept>

namespace repsim::models {

struct OutboundFilter {
  double catch_rate = 0.0;     // off by default: scenarios state their provider's filter
  double zero_day_leak = 0.0;  // share of spam the filter has no signature for yet

  // P(a spam message is caught) = catch_rate * (1 - zero_day_leak).
  double catch_probability() const { return catch_rate * (1.0 - zero_day_leak); }

  void validate() const {
    if (!(catch_rate >= 0.0 && catch_rate <= 1.0))
      throw std::invalid_argument("outbound filter: catch_rate must be in [0, 1]");
    if (!(zero_day_leak >= 0.0 && zero_day_leak <= 1.0))
      throw std::invalid_argument("outbound filter: zero_day_leak must be in [0, 1]");
  }
};

}  // namespace repsim::models
