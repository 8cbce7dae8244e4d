#include "models/auth.hpp"

#include <algorithm>
#include <functional>
#include <stdexcept>
#include <string>

namespace repsim::models {

namespace {

const DomainAuth& domain(const AuthDirectory& dir, TenantIndex t, const char* role) {
  if (t >= dir.domains.size())
    throw std::out_of_range(std::string("auth: ") + role + " domain " + std::to_string(t) +
                            " is not in the directory (" + std::to_string(dir.domains.size()) + " domains)");
  return dir.domains[t];
}

// A record without gaps (a pool's IPs are numbered consecutively, and the shared pool's record is
// the one most mail is checked against) answers from its ends, which every lookup reads and so stay
// in cache. A binary search's last probes land on lines that depend on the IP, cold ones when the
// pool has a thousand IPs.
bool authorises(const std::vector<IpIndex>& record, IpIndex ip) {
  if (record.empty()) return false;
  const IpIndex first = record.front();
  const IpIndex last = record.back();
  if (ip < first || ip > last) return false;
  if (std::size_t{last} - first + 1 == record.size()) return true;  // sorted and unique: gapless
  return std::binary_search(record.begin(), record.end(), ip);
}

}  // namespace

void AuthDirectory::validate() const {
  for (std::size_t r = 0; r < records.size(); ++r)
    if (std::adjacent_find(records[r].begin(), records[r].end(), std::greater_equal<>()) != records[r].end())
      throw std::invalid_argument("auth: SPF record " + std::to_string(r) + " is not strictly ascending");
  for (std::size_t t = 0; t < domains.size(); ++t)
    if (domains[t].spf_record != kNone && domains[t].spf_record >= records.size())
      throw std::invalid_argument("auth: domain " + std::to_string(t) + " names a missing SPF record");
}

AuthResult evaluate_auth(const Message& m, IpIndex ip, const AuthDirectory& dir) {
  domain(dir, m.envelope_from, "envelope-from");  // throws when missing
  const DomainAuth& header = domain(dir, m.header_from, "header-from");
  AuthResult r;
  const std::vector<IpIndex>& spf = dir.spf(m.envelope_from);
  r.spf_pass = authorises(spf, ip);
  r.dkim_aligned = m.header_from == m.tenant;
  const bool spf_aligned = r.spf_pass && m.envelope_from == m.header_from;
  r.dmarc_pass = r.dkim_aligned || (spf_aligned && !header.always_signs);
  r.dmarc = header.dmarc;
  return r;
}

}  // namespace repsim::models
