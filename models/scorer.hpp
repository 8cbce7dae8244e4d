#pragma once
// A reputation service. Sensor gateways report what they see per sending IP; gateways that
// consult the service read the *published* view (scores lag the live computation).
#include <cstdint>
#include <optional>
#include <string>

#include "models/ids.hpp"
#include "models/score_scale.hpp"
#include "sim/time.hpp"

namespace repsim::models {

// What one sensor gateway saw from one IP in one delivery attempt (counts, so batches fit too).
struct Observation {
  std::uint32_t messages = 0;    // connection attempts carrying mail (volume)
  std::uint32_t spam = 0;        // of those, judged spam by the sensor's content filter
  std::uint32_t complaints = 0;  // user "this is spam" reports
  std::uint32_t trap_hits = 0;   // mail to spam-trap addresses
};

class Scorer {
 public:
  virtual ~Scorer() = default;

  virtual const std::string& id() const = 0;
  virtual const ScoreScale& scale() const = 0;
  virtual void observe(IpIndex ip, const Observation& o, sim::Time now) = 0;

  // Published view. An IP the service has never scored reads as `unscored()`.
  virtual double score(IpIndex ip) const = 0;
  virtual bool has_score(IpIndex ip) const = 0;
  // Blocklist view: listed or not (always false for pure score services).
  virtual bool listed(IpIndex ip) const = 0;
  // The lowest and highest score the published view has shown for `ip` so far (nullopt while it
  // never had one, and always for blocklists, which publish no scores).
  struct ScoreRange {
    double min = 0;
    double max = 0;
  };
  virtual std::optional<ScoreRange> published_range(IpIndex) const { return std::nullopt; }

  // Vendor actions: set a score by hand (SenderBase has no delisting, but the vendor can restore a
  // score); ask a blocklist to delist (honoured after its delay).
  virtual void restore(IpIndex ip, double score, sim::Time now) = 0;
  virtual void request_delisting(IpIndex ip, sim::Time now) = 0;
};

}  // namespace repsim::models
