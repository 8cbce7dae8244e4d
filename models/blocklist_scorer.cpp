#include "models/blocklist_scorer.hpp"

#include <algorithm>
#include <stdexcept>

namespace repsim::models {

void BlocklistConfig::validate() const {
  const auto require = [&](bool ok, const char* what) {
    if (!ok) throw std::invalid_argument("blocklist '" + id + "': " + what);
  };
  scale.validate();
  require(trap_hits_to_list >= 1, "trap_hits_to_list must be at least 1");
  require(list_window > 0, "list_window must be positive");
  require(listing_ttl > 0, "listing_ttl must be positive");
  require(delist_delay >= 0, "delist_delay must not be negative");
}

BlocklistScorer::BlocklistScorer(BlocklistConfig config, sim::Simulation& sim, std::size_t ip_count)
    : config_(std::move(config)), sim_(sim) {
  config_.validate();
  add_ips(ip_count);
}

IpIndex BlocklistScorer::add_ips(std::size_t n) {
  const std::size_t first = ips_.size();
  if (first + n >= kNone) throw std::length_error("blocklist: too many IPs");
  ips_.resize(first + n);
  return static_cast<IpIndex>(first);
}

void BlocklistScorer::check_ip(IpIndex ip) const {
  if (ip >= ips_.size())
    throw std::out_of_range("blocklist '" + config_.id + "': no IP " + std::to_string(ip));
}

SenderStanding BlocklistScorer::standing(IpIndex ip) const {
  if (!ips_[ip].listed) return {};
  return {config_.scale.min, true};
}

double BlocklistScorer::score(IpIndex ip) const {
  return ips_[ip].listed ? config_.scale.min : (config_.scale.min + config_.scale.max) / 2.0;
}

void BlocklistScorer::observe(IpIndex ip, const Observation& o, sim::Time now) {
  check_ip(ip);
  if (o.trap_hits == 0) return;
  IpState& st = ips_[ip];
  const std::size_t needed = config_.trap_hits_to_list;

  // Forget hits that left the window (t - list_window, t], then remember these (a batch counts
  // each hit; only the latest `needed` can ever matter).
  std::erase_if(st.hits, [&](sim::Time h) { return now - h >= config_.list_window; });
  st.hits.insert(st.hits.end(), std::min<std::size_t>(o.trap_hits, needed), now);
  if (st.hits.size() > needed)
    st.hits.erase(st.hits.begin(), st.hits.end() - static_cast<std::ptrdiff_t>(needed));

  if (st.listed) {
    sim_.cancel(st.expiry);
    st.expires_at = now + config_.listing_ttl;
    st.expiry = sim_.schedule_at(st.expires_at, *this, payload(ListingChange::Expired, ip));
  } else if (st.hits.size() >= needed) {
    st.hits.clear();
    list(ip, now);
  }
}

void BlocklistScorer::list(IpIndex ip, sim::Time now) {
  IpState& st = ips_[ip];
  st.listed = true;
  st.expires_at = now + config_.listing_ttl;
  st.expiry = sim_.schedule_at(st.expires_at, *this, payload(ListingChange::Expired, ip));
  ++listings_;
  report(ip, ListingChange::Listed, now);
}

void BlocklistScorer::delist(IpIndex ip, ListingChange why, sim::Time now) {
  IpState& st = ips_[ip];
  // One of the two may be the event firing now; cancelling a fired event is harmless.
  sim_.cancel(st.expiry);
  sim_.cancel(st.delisting);
  st.expiry = {};
  st.delisting = {};
  st.listed = false;
  st.expires_at = sim::kNever;
  report(ip, why, now);
}

void BlocklistScorer::report(IpIndex ip, ListingChange why, sim::Time now) const {
  PublishedChange c;
  c.ip = ip;
  c.from = why == ListingChange::Listed ? 0 : 1;
  c.to = 1 - c.from;
  c.reason = why;
  c.when = now;
  published_change(c);
}

void BlocklistScorer::on_event(sim::Simulation& sim, std::uint64_t payload) {
  // Both events end the listing; a stale one cannot arrive because delist() cancels the other.
  delist(static_cast<IpIndex>(payload & 0xFFFFFFFFu), static_cast<ListingChange>(payload >> 32), sim.now());
}

void BlocklistScorer::restore(IpIndex ip, double, sim::Time now) {
  check_ip(ip);
  if (ips_[ip].listed) delist(ip, ListingChange::RemovedByVendor, now);
}

void BlocklistScorer::request_delisting(IpIndex ip, sim::Time now) {
  check_ip(ip);
  IpState& st = ips_[ip];
  if (!st.listed || st.delisting) return;
  st.delisting =
      sim_.schedule_at(now + config_.delist_delay, *this, payload(ListingChange::DelistedOnRequest, ip));
}

}  // namespace repsim::models
