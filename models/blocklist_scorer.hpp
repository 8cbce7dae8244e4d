#pragma once
// A DNS blocklist (DNSBL). An IP is listed when enough of its mail hits spam traps within a short
// window, and stays listed until the operator asks for delisting (honoured after a delay) or the
// listing expires. DNSBLs publish fast: a listing is visible from the very trap hit that causes it
// (zone updates take minutes, below the resolution that matters here), unlike a SenderBase score.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "models/scorer.hpp"
#include "sim/simulation.hpp"

namespace repsim::models {

struct BlocklistConfig {
  static constexpr std::string_view kType = "blocklist";
  static constexpr Publishes kPublishes = Publishes::Listings;

  std::string id = "dnsbl";
  ScoreScale scale;  // a listed IP reads as scale.min; -7..+7 by default (docs/architecture.md, domain facts)
  // "DNS blocklists list on trap hits and delist on request or expiry" (docs/architecture.md, domain
  // facts): three hits within 24 h list an IP. The window is (t - list_window, t]: a hit exactly
  // list_window before the current one no longer counts.
  std::uint32_t trap_hits_to_list = 3;
  sim::Time list_window = sim::kDay;
  // A listing nobody asks about expires 7 days after the last trap hit that listed or re-hit it.
  sim::Time listing_ttl = sim::kWeek;
  // A delisting request is honoured 24 h after it is filed.
  sim::Time delist_delay = sim::kDay;

  // Throws std::invalid_argument naming the blocklist and the field.
  void validate() const;
};

class BlocklistScorer final : public Scorer, private sim::EventHandler {
 public:
  // Delisting and expiry are events on `sim`, which must outlive this object. Validates the config.
  BlocklistScorer(BlocklistConfig config, sim::Simulation& sim, std::size_t ip_count = 0);
  // The simulation keeps a reference to this object between events: it must not move.
  BlocklistScorer(const BlocklistScorer&) = delete;
  BlocklistScorer& operator=(const BlocklistScorer&) = delete;

  // Appends n unlisted IPs; returns the index of the first.
  IpIndex add_ips(std::size_t n);
  std::size_t ip_count() const { return ips_.size(); }

  const BlocklistConfig& config() const { return config_; }

  // Scorer
  const std::string& id() const override { return config_.id; }
  const ScoreScale& scale() const override { return config_.scale; }
  Publishes publishes() const override { return BlocklistConfig::kPublishes; }
  // Only trap hits matter. A listing consumes the hits that caused it; while listed, every hit
  // pushes the expiry to now + listing_ttl (the IP is still spamming) and is remembered, so an IP
  // that keeps hitting traps is listed again by the first hit after a delisting that finds
  // trap_hits_to_list of them in the window. `now` must not be before the simulation's now().
  // Throws std::out_of_range for an unknown IP.
  void observe(IpIndex ip, const Observation& o, sim::Time now) override;
  // Listed or not. A listed IP reads as scored at scale.min, an unlisted one as unscored (a DNSBL
  // only knows "listed"). Changes are reported when an IP is listed (the trap_hits_to_list-th hit
  // within the window) and when its listing ends, with the reason: Expired (listing_ttl after the
  // last hit, nobody asked), DelistedOnRequest (delist_delay after request_delisting) or
  // RemovedByVendor (restore).
  SenderStanding standing(IpIndex ip) const override;
  // Vendor override: the list operator removes the listing by hand, at once (the score value is
  // ignored: a blocklist has none to set). A pending request or expiry is cancelled.
  void restore(IpIndex ip, double score, sim::Time now) override;
  // Delists at now + delist_delay. No-op when the IP is not listed or a request is already pending
  // (the first request's clock stands).
  void request_delisting(IpIndex ip, sim::Time now) override;

  bool delisting_requested(IpIndex ip) const { return static_cast<bool>(ips_[ip].delisting); }
  // When the current listing expires unless delisted first; kNever when not listed.
  sim::Time expires_at(IpIndex ip) const { return ips_[ip].listed ? ips_[ip].expires_at : sim::kNever; }
  // Listings since the start (a relisting counts again).
  std::uint64_t listings() const { return listings_; }
  // scale.min when listed, else the scale's midpoint, for callers that ignore standing().
  double score(IpIndex ip) const;

 private:
  struct IpState {
    std::vector<sim::Time> hits;  // recent trap-hit times, oldest first, at most trap_hits_to_list
    bool listed = false;
    sim::Time expires_at = sim::kNever;
    sim::EventId expiry;
    sim::EventId delisting;
  };
  // An event's payload is the change it makes (high word) and the IP (low word).
  static std::uint64_t payload(ListingChange c, IpIndex ip) {
    return (static_cast<std::uint64_t>(c) << 32) | ip;
  }

  void on_event(sim::Simulation& sim, std::uint64_t payload) override;
  void list(IpIndex ip, sim::Time now);
  void delist(IpIndex ip, ListingChange why, sim::Time now);
  void report(IpIndex ip, ListingChange why, sim::Time now) const;
  void check_ip(IpIndex ip) const;

  BlocklistConfig config_;
  sim::Simulation& sim_;
  std::vector<IpState> ips_;
  std::uint64_t listings_ = 0;
};

}  // namespace repsim::models
