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
#include <vector>

#include "models/ids.hpp"
#include "models/message.hpp"
#include "sim/huge_page_allocator.hpp"

namespace repsim::models {

enum class DmarcPolicy : std::uint8_t { None, Quarantine, Reject };

struct DomainAuth {
  // Sorted ascending. Every IP of every pool the domain's provider(s) route it through: a shared
  // pool authorises all its IPs for every customer.
  std::vector<IpIndex> spf_ips;
  DmarcPolicy dmarc = DmarcPolicy::None;
  // The domain declares it always signs with DKIM, as the write-up recommends: then an SPF pass
  // alone is not enough for DMARC.
  bool always_signs = true;
  // Its SPF record is AuthDirectory::shared_records[shared_record] instead of spf_ips (kNone: its
  // own). Kept here, in the record's padding, so a message reads one line of its domain, not two.
  std::uint32_t shared_record = kNone;
};

// One domain per tenant, indexed by TenantIndex.
struct AuthDirectory {
  // Read at random once per message: huge pages when large (sim/huge_page_allocator.hpp).
  std::vector<DomainAuth, sim::HugePageAllocator<DomainAuth>> domains;
  // SPF records that many domains share: every customer of a shared pool publishes the same list,
  // and one copy serves them all (a copy per domain costs domains x pool size, and a cold copy for
  // every lookup). DomainAuth::shared_record names a domain's record here.
  std::vector<std::vector<IpIndex>> shared_records;

  // Domain t's SPF record.
  const std::vector<IpIndex>& spf(TenantIndex t) const {
    const DomainAuth& d = domains[t];
    return d.shared_record != kNone ? shared_records[d.shared_record] : d.spf_ips;
  }

  // Throws std::invalid_argument when an SPF list is not sorted (lookups binary-search).
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
