#pragma once
// A reputation service. Sensor gateways report what they see per sending IP; gateways that
// consult the service read the *published* view (scores lag the live computation). Every type of
// service (models/scorer_registry.hpp) is one of these: the ecosystem, the gateways and the
// reports ask this interface what a service publishes, never which type it is.
#include <cmath>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "models/ids.hpp"
#include "models/score_scale.hpp"
#include "sim/time.hpp"

namespace repsim::sim {
class Simulation;
}

namespace repsim::models {

// What one sensor gateway saw from one IP in one delivery attempt (counts, so batches fit too).
struct Observation {
  std::uint32_t messages = 0;    // connection attempts carrying mail (volume)
  std::uint32_t spam = 0;        // of those, judged spam by the sensor's content filter
  std::uint32_t complaints = 0;  // user "this is spam" reports
  std::uint32_t trap_hits = 0;   // mail to spam-trap addresses
  // Of `messages`, attempts the sensor refused or deferred before DATA (by reputation, a blocklist or
  // a throttle): it saw a connection, never a message.
  std::uint32_t refused_before_data = 0;
};

// What a service publishes about an IP: a score on its scale, read in bands, or a listing.
enum class Publishes : std::uint8_t { Scores, Listings };

// What a gateway knows of a sending IP when it consults a service (or, merged, its services).
struct SenderStanding {
  std::optional<double> score;  // published score; nullopt = the service has none
  bool listed = false;          // listed (by a service that publishes listings)

  // Not listed and scored at or above `score_floor`: what the threshold and clear_from() accept.
  bool unlisted_and_scored_at_least(double score_floor) const {
    return !listed && score && *score >= score_floor;
  }
};

// Why a listing began or ended, for the event log.
enum class ListingChange : std::uint8_t {
  Listed,             // the service's listing rule was met
  Expired,            // nobody asked, and the listing ran out
  DelistedOnRequest,  // honoured some time after request_delisting
  RemovedByVendor,    // restore(): removed by hand, at once
};

// A change of what a service publishes about one IP.
struct PublishedChange {
  IpIndex ip{0};
  // Scores: band indices on the scale, kNone = unscored. Listings: 0 = not listed, 1 = listed.
  std::uint32_t from = kNone;
  std::uint32_t to = kNone;
  double score = std::nan("");  // the published score after the change; NaN for listings and unscored
  ListingChange reason = ListingChange::Listed;  // listings only
  sim::Time when = 0;
};

class Scorer {
 public:
  using PublishedChangeHook = std::function<void(const PublishedChange&)>;

  virtual ~Scorer() = default;

  virtual const std::string& id() const = 0;
  virtual const ScoreScale& scale() const = 0;
  virtual Publishes publishes() const = 0;
  // The run begins: schedule what the service does on its own until `end` (nothing by default).
  virtual void start(sim::Simulation&, sim::Time /*end*/) {}
  // An IP with a past the run does not show starts scored at `score` with `lifetime_volume`
  // messages of history (established pools). Nothing by default: a listing has no score to start at.
  virtual void establish(IpIndex, double /*score*/, std::uint64_t /*lifetime_volume*/) {}
  virtual void observe(IpIndex ip, const Observation& o, sim::Time now) = 0;

  // The published view: the gateway's one question about an IP.
  virtual SenderStanding standing(IpIndex ip) const = 0;
  bool has_score(IpIndex ip) const { return standing(ip).score.has_value(); }
  bool listed(IpIndex ip) const { return standing(ip).listed; }
  // The lowest and highest score the published view has shown for `ip` so far (nullopt while it
  // never had one, and always for services that publish no scores).
  struct ScoreRange {
    double min = 0;
    double max = 0;
  };
  virtual std::optional<ScoreRange> published_range(IpIndex) const { return std::nullopt; }

  // Vendor actions: set a score by hand (SenderBase has no delisting, but the vendor can restore a
  // score); ask a blocklist to delist (honoured after its delay).
  virtual void restore(IpIndex ip, double score, sim::Time now) = 0;
  virtual void request_delisting(IpIndex ip, sim::Time now) = 0;

  // Called at every change of the published view, so the ecosystem wires every service alike.
  void on_published_change(PublishedChangeHook hook) { published_hook_ = std::move(hook); }

 protected:
  void published_change(const PublishedChange& change) const {
    if (published_hook_) published_hook_(change);
  }
  bool watched() const { return static_cast<bool>(published_hook_); }

 private:
  PublishedChangeHook published_hook_;
};

}  // namespace repsim::models
