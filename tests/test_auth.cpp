#include <catch2/catch.hpp>

#include <stdexcept>
#include <vector>

#include "models/auth.hpp"
#include "models/gateway.hpp"

#include "index_literals.hpp"

using namespace repsim::models;
using namespace repsim::models::index_literals;
using repsim::sim::RandomStream;

namespace {

// Tenants: 0 = a bank, 1 = a co-tenant that gets compromised, 2 = a small customer.
// Shared pool IPs 10, 11, 12; the bank's dedicated IP is 50.
constexpr TenantIndex kBank = 0_tenant, kCoTenant = 1_tenant;
constexpr IpIndex kSharedIp = 11_ip, kDedicatedIp = 50_ip;

AuthDirectory directory(bool bank_dedicated, bool bank_always_signs) {
  AuthDirectory d;
  d.domains.resize(3);
  const std::uint32_t shared = d.add_record({10_ip, 11_ip, 12_ip});  // the shared pool authorises all its IPs
  for (DomainAuth& a : d.domains) a.spf_record = shared;
  if (bank_dedicated) d.domains[kBank].spf_record = d.add_record({kDedicatedIp});
  d.domains[kBank].dmarc = DmarcPolicy::Reject;
  d.domains[kBank].always_signs = bank_always_signs;
  return d;
}

Message message(TenantIndex sender, TenantIndex envelope, TenantIndex header) {
  Message m;
  m.tenant = sender;
  m.envelope_from = envelope;
  m.header_from = header;
  return m;
}

Message mail(TenantIndex t, MessageKind kind = MessageKind::Legit) {
  Message m = message(t, t, t);
  m.kind = kind;
  return m;
}

Gateway gateway(GatewayConfig cfg, const AuthDirectory* auth) {
  return Gateway(0_gateway, std::move(cfg), {}, auth, RandomStream(1));
}

}  // namespace

TEST_CASE("auth: the bank's own mail passes everything", "[gateway]") {
  const AuthDirectory d = directory(false, true);
  const AuthResult r = evaluate_auth(message(kBank, kBank, kBank), kSharedIp, d);
  CHECK(r.spf_pass);
  CHECK(r.dkim_aligned);
  CHECK(r.dmarc_pass);
  CHECK(r.dmarc == DmarcPolicy::Reject);
  const AuthDirectory dd = directory(true, true);
  CHECK(evaluate_auth(message(kBank, kBank, kBank), kDedicatedIp, dd).dmarc_pass);
}

TEST_CASE("auth: co-tenant spoofing the bank from the shared pool passes SPF, fails DMARC", "[gateway]") {
  const AuthDirectory d = directory(false, true);
  const AuthResult r = evaluate_auth(message(kCoTenant, kBank, kBank), kSharedIp, d);
  CHECK(r.spf_pass);            // 11 is in the bank's SPF record: the shared pool is authorised
  CHECK_FALSE(r.dkim_aligned);  // the provider signs with the co-tenant's domain
  CHECK_FALSE(r.dmarc_pass);    // aligned SPF is not enough: the bank always signs
  CHECK(r.dmarc == DmarcPolicy::Reject);
}

TEST_CASE("auth: without always_signs, the shared-pool spoof passes DMARC on SPF", "[gateway]") {
  const AuthDirectory d = directory(false, false);
  const AuthResult r = evaluate_auth(message(kCoTenant, kBank, kBank), kSharedIp, d);
  CHECK(r.spf_pass);
  CHECK_FALSE(r.dkim_aligned);
  CHECK(r.dmarc_pass);  // the write-up's warning: SPF alone lets shared-IP spoofing through
}

TEST_CASE("auth: bank on a dedicated IP, spoof from the shared pool fails SPF too", "[gateway]") {
  const AuthDirectory d = directory(true, false);
  const AuthResult r = evaluate_auth(message(kCoTenant, kBank, kBank), kSharedIp, d);
  CHECK_FALSE(r.spf_pass);  // 11 is not the bank's dedicated 50
  CHECK_FALSE(r.dkim_aligned);
  CHECK_FALSE(r.dmarc_pass);  // neither aligned DKIM nor an SPF pass
}

TEST_CASE("auth: header-only spoof with the sender's own envelope is unaligned", "[gateway]") {
  const AuthDirectory d = directory(false, false);
  // MAIL FROM the co-tenant's own domain (SPF passes for it), From: the bank.
  const AuthResult r = evaluate_auth(message(kCoTenant, kCoTenant, kBank), kSharedIp, d);
  CHECK(r.spf_pass);
  CHECK_FALSE(r.dkim_aligned);
  CHECK_FALSE(r.dmarc_pass);              // SPF passed for another domain than the header's
  CHECK(r.dmarc == DmarcPolicy::Reject);  // the policy is the header domain's
}

TEST_CASE("auth: directory checks", "[gateway]") {
  const AuthDirectory d = directory(false, true);
  CHECK_THROWS_AS(evaluate_auth(message(kBank, 3_tenant, kBank), kSharedIp, d), std::out_of_range);
  CHECK_THROWS_AS(evaluate_auth(message(kBank, kBank, kNone), kSharedIp, d), std::out_of_range);
  CHECK_NOTHROW(d.validate());
  AuthDirectory unsorted = d;
  unsorted.domains[2].spf_record = unsorted.add_record({12_ip, 10_ip});
  CHECK_THROWS_AS(unsorted.validate(), std::invalid_argument);
  AuthDirectory repeated = d;
  repeated.domains[2].spf_record = repeated.add_record({10_ip, 10_ip, 12_ip});  // looks gapless by its ends
  CHECK_THROWS_AS(repeated.validate(), std::invalid_argument);
}

TEST_CASE("auth: SPF records with and without gaps", "[auth]") {
  AuthDirectory d;
  d.domains.resize(2);
  d.domains[0].spf_record = d.add_record({10_ip, 11_ip, 12_ip, 13_ip});  // a pool numbered consecutively
  d.domains[1].spf_record = d.add_record({10_ip, 12_ip, 13_ip, 20_ip});  // two pools' IPs: gaps
  REQUIRE_NOTHROW(d.validate());
  const auto passes = [&](TenantIndex domain, IpIndex ip) {
    return evaluate_auth(message(domain, domain, domain), ip, d).spf_pass;
  };
  CHECK_FALSE(passes(0_tenant, 9_ip));
  CHECK(passes(0_tenant, 10_ip));
  CHECK(passes(0_tenant, 12_ip));
  CHECK(passes(0_tenant, 13_ip));
  CHECK_FALSE(passes(0_tenant, 14_ip));
  CHECK(passes(1_tenant, 10_ip));
  CHECK_FALSE(passes(1_tenant, 11_ip));  // inside the ends, in a gap
  CHECK(passes(1_tenant, 13_ip));
  CHECK_FALSE(passes(1_tenant, 19_ip));
  CHECK(passes(1_tenant, 20_ip));
  CHECK_FALSE(passes(1_tenant, 21_ip));
}

TEST_CASE("gateway: the allowlist does not bypass authentication", "[gateway]") {
  AuthDirectory dir;
  dir.records = {{10_ip, 11_ip}};
  dir.domains.resize(2);
  dir.domains[0] = {0, DmarcPolicy::Reject, true};  // bank 0 on the shared pool
  dir.domains[1] = {0, DmarcPolicy::None, true};
  GatewayConfig c;
  c.allowlist_domains = {0_tenant};
  Gateway g = gateway(c, &dir);
  Message spoof = mail(1_tenant, MessageKind::Spam);
  spoof.header_from = spoof.envelope_from = 0_tenant;
  const SmtpReply r = g.receive(spoof, 11_ip, 0_provider, 0);
  CHECK(r.cls == ReplyClass::Reject);
  CHECK(r.cause == BlockCause::Authentication);
}

TEST_CASE("gateway: spoofed bank mail against SPF and DMARC", "[gateway]") {
  // Tenants 0 = bank, 1 = compromised co-tenant. Shared pool IPs 10, 11; dedicated bank IP 50.
  AuthDirectory shared;
  shared.records = {{10_ip, 11_ip}};
  shared.domains = {{0, DmarcPolicy::Reject, true}, {0, DmarcPolicy::None, true}};
  AuthDirectory dedicated = shared;
  dedicated.domains[0].spf_record = dedicated.add_record({50_ip});
  Message spoof = mail(1_tenant, MessageKind::Spam);
  spoof.header_from = spoof.envelope_from = 0_tenant;

  Gateway g = gateway(GatewayConfig{}, &shared);
  CHECK(g.receive(mail(0_tenant), 11_ip, 0_provider, 0).accepted());  // the bank's own mail
  SmtpReply r = g.receive(spoof, 11_ip, 0_provider, 0);               // SPF passes (shared pool), DMARC fails
  CHECK(r.cls == ReplyClass::Reject);
  CHECK(r.code == 550);
  CHECK(r.cause == BlockCause::Authentication);
  CHECK(r.text.rfind("5.7.1 ", 0) == 0);

  Gateway d = gateway(GatewayConfig{}, &dedicated);
  r = d.receive(spoof, 11_ip, 0_provider, 0);  // 11 is not in the bank's record
  CHECK(r.code == 550);
  CHECK(r.text.rfind("5.7.23 ", 0) == 0);
  CHECK(d.receive(mail(0_tenant), 50_ip, 0_provider, 0).accepted());

  GatewayConfig no_spf;
  no_spf.check_spf = false;
  Gateway n = gateway(no_spf, &dedicated);
  CHECK(n.receive(spoof, 11_ip, 0_provider, 0).text.rfind("5.7.1 ", 0) == 0);  // DMARC still stops it
  GatewayConfig lax;
  lax.check_spf = false;
  lax.enforce_dmarc = false;
  Gateway l = gateway(lax, &dedicated);
  CHECK(l.receive(spoof, 11_ip, 0_provider, 0).accepted());

  AuthDirectory quarantine = shared;
  quarantine.domains[0].dmarc = DmarcPolicy::Quarantine;  // junk folder: accepted at SMTP
  Gateway q = gateway(GatewayConfig{}, &quarantine);
  CHECK(q.receive(spoof, 11_ip, 0_provider, 0).accepted());
}

TEST_CASE("a domain's SPF record is shared, its own or none, and must exist", "[auth]") {
  repsim::models::AuthDirectory d;
  d.domains.resize(4);
  const std::uint32_t pool = d.add_record({10_ip, 11_ip, 12_ip});
  d.domains[0].spf_record = pool;  // shared-pool customers: the provider's one record
  d.domains[1].spf_record = pool;
  d.domains[2].spf_record = d.add_record({20_ip});  // its own list
  CHECK(d.spf(0_tenant) == std::vector<repsim::models::IpIndex>{10_ip, 11_ip, 12_ip});
  CHECK(&d.spf(1_tenant) == &d.spf(0_tenant));  // one copy
  CHECK(d.spf(2_tenant) == std::vector<repsim::models::IpIndex>{20_ip});
  CHECK(d.spf(3_tenant).empty());  // publishes none
  CHECK_NOTHROW(d.validate());
  d.domains[3].spf_record = 2;  // names a record that is not there
  CHECK_THROWS_AS(d.validate(), std::invalid_argument);
}
