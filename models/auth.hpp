#pragma once
// Sender authentication as a receiving gateway sees it: SPF, DKIM alignment and DMARC.
//
// The model follows the hosted-outbound write-up on shared IP space: a customer puts its
// provider's outbound IPs into its SPF record, so every IP of a shared pool is authorised for
// every customer of that pool. A compromised co-tenant spoofing a bank from the shared pool
// therefore passes SPF; only DKIM (which does not depend on IPs) tells it apart, and only when the
// bank declares that it always signs (DMARC). From a dedicated IP the bank's SPF record names just
// that IP, so spoofed mail from the shared pool fails SPF as well.
#include <cstdint>
#include <utility>
#include <vector>

#include "models/ids.hpp"
#include "models/message.hpp"
#include "sim/memory/huge_page_allocator.hpp"
#include "sim/memory/prefetch.hpp"

namespace repsim::models {

enum class DmarcPolicy : std::uint8_t { None, Quarantine, Reject };

// Eight bytes, the IP list kept apart in a record many domains share: a provider's 100,000 domains,
// each read at random once per message, fill 800 KiB.
struct DomainAuth {
  // AuthDirectory::records[spf_record] (kNone: the domain publishes no SPF record).
  std::uint32_t spf_record = kNone;
  DmarcPolicy dmarc = DmarcPolicy::None;
  // The domain declares it always signs with DKIM, as the write-up recommends: then an SPF pass
  // alone is not enough for DMARC.
  bool always_signs = true;
};

// One domain per tenant, indexed by TenantIndex.
struct AuthDirectory {
  // Read at random once per message: huge pages when large (sim/memory/huge_page_allocator.hpp).
  std::vector<DomainAuth, sim::HugePageAllocator<DomainAuth>> domains;
  // SPF records, each strictly ascending: every IP of every pool the domain's provider(s) route it
  // through (a shared pool authorises all its IPs for every customer). Every customer of a pool
  // publishes the same list, and one copy serves them all (a copy per domain costs domains x pool
  // size, and a cold copy for every lookup).
  std::vector<std::vector<IpIndex>> records;

  // Domain t's SPF record (empty when it publishes none).
  const std::vector<IpIndex>& spf(TenantIndex t) const {
    static const std::vector<IpIndex> kNoRecord;
    const std::uint32_t r = domains[t].spf_record;
    return r == kNone ? kNoRecord : records[r];
  }
  // A cache hint: domain t's entry, which evaluate_auth will read (nothing for an unknown t).
  void prefetch_domain(TenantIndex t) const {
    if (t < domains.size()) sim::prefetch(&domains[t]);
  }
  // Adds a record; returns its number for DomainAuth::spf_record.
  std::uint32_t add_record(std::vector<IpIndex> ips) {
    records.push_back(std::move(ips));
    return static_cast<std::uint32_t>(records.size() - 1);
  }

  // Throws std::invalid_argument when a record is not strictly ascending (lookups rely on it) or a
  // domain names a record that is not there.
  void validate() const;
};

struct AuthResult {
  bool spf_pass = false;      // envelope-from domain's SPF record lists the sending IP
  bool dkim_aligned = false;  // the DKIM signature's domain is the header-from domain
  bool dmarc_pass = false;
  DmarcPolicy dmarc = DmarcPolicy::None;  // the header-from domain's published policy
};

// SPF: m.envelope_from's record against `ip`. DKIM: the provider signs with the sending tenant's
// own domain (m.tenant), so it aligns only when m.header_from == m.tenant. DMARC passes on aligned
// DKIM, or on an aligned SPF pass (envelope_from == header_from) when the header-from domain does
// not declare always_signs. Throws std::out_of_range when a domain is missing from the directory.
AuthResult evaluate_auth(const Message& m, IpIndex ip, const AuthDirectory& dir);

}  // namespace repsim::models
