#include "models/auth.hpp"

#include <algorithm>
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

}  // namespace

void AuthDirectory::validate() const {
  for (std::size_t r = 0; r < records.size(); ++r)
    if (!std::is_sorted(records[r].begin(), records[r].end()))
      throw std::invalid_argument("auth: SPF record " + std::to_string(r) + " is not sorted");
  for (std::size_t t = 0; t < domains.size(); ++t)
    if (domains[t].spf_record != kNone && domains[t].spf_record >= records.size())
      throw std::invalid_argument("auth: domain " + std::to_string(t) + " names a missing SPF record");
}

AuthResult evaluate_auth(const Message& m, IpIndex ip, const AuthDirectory& dir) {
  domain(dir, m.envelope_from, "envelope-from");  // throws when missing
  const DomainAuth& header = domain(dir, m.header_from, "header-from");
  AuthResult r;
  const std::vector<IpIndex>& spf = dir.spf(m.envelope_from);
  r.spf_pass = std::binary_search(spf.begin(), spf.end(), ip);
  r.dkim_aligned = m.header_from == m.tenant;
  const bool spf_aligned = r.spf_pass && m.envelope_from == m.header_from;
  r.dmarc_pass = r.dkim_aligned || (spf_aligned && !header.always_signs);
  r.dmarc = header.dmarc;
  return r;
}

}  // namespace repsim::models
