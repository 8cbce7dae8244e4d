#pragma once
// A small world for provider tests: one provider over a scripted DeliveryNetwork. Each message gets
// a serial number in envelope_from (the provider never reads that field), so the fake network can
// follow a message even after its pool slot is reused.
#include <functional>
#include <memory>
#include <vector>

#include "models/ip_pool.hpp"
#include "models/ledger.hpp"
#include "models/message.hpp"
#include "models/network.hpp"
#include "models/provider.hpp"
#include "sim/random.hpp"
#include "sim/simulation.hpp"

namespace repsim::models::testing {

inline SmtpReply tempfail_421() {
  return {ReplyClass::Tempfail, 421, BlockCause::GatewayOutage, "4.3.2 Service not available"};
}
inline SmtpReply reject_550() { return {ReplyClass::Reject, 550, BlockCause::Reputation, "5.7.1 Rejected"}; }

class ScriptedNetwork final : public DeliveryNetwork {
 public:
  struct Call {
    std::uint32_t tag;
    sim::Time time;
    IpIndex ip;
    ReplyClass cls;
  };
  std::function<SmtpReply(const Message&, sim::Time)> rule = [](const Message&, sim::Time) {
    return SmtpReply::accept();
  };
  std::vector<Call> calls;

  SmtpReply deliver(const Message& m, IpIndex ip, ProviderIndex, sim::Time now) override {
    const SmtpReply r = rule(m, now);
    calls.push_back({m.envelope_from, now, ip, r.cls});
    return r;
  }
  std::vector<sim::Time> times() const {
    std::vector<sim::Time> out;
    for (const Call& c : calls) out.push_back(c.time);
    return out;
  }
};

struct World {
  sim::Simulation sim;
  MessagePool messages;
  Ledger ledger;
  ScriptedNetwork net;
  std::vector<IpPool> pools;
  std::vector<IpAddress> ips;
  std::unique_ptr<Provider> provider;
  std::uint32_t next_tag = 0;

  explicit World(ProviderConfig cfg, std::size_t tenants = 2, std::size_t gateways = 2)
      // Every refusal streak is an outage: these tests time the provider's queue, not the rule.
      : ledger(tenants, gateways, OutageRule::every_refusal()) {
    ips = {IpAddress{"10.0.0.1", PoolIndex{0}, 0, 0}, IpAddress{"10.0.0.2", PoolIndex{0}, 0, 0}};
    IpPool pool;
    pool.id = "shared";
    pool.ips = {IpIndex{0}, IpIndex{1}};
    pools.push_back(pool);
    provider = std::make_unique<Provider>(ProviderIndex{0}, std::move(cfg),
                                          ProviderContext{sim, messages, ledger, net, pools, ips},
                                          sim::RandomStream(42));
    for (TenantIndex t{0}; t < tenants; ++t) provider->assign_pool(t, PoolIndex{0});
  }

  // At time `at`: creates a copy of `m` (created = at, tagged), counts it, submits it.
  void send_at(sim::Time at, Message m) {
    sim.schedule_at(at, [this, m](sim::Simulation& s) {
      Message copy = m;
      copy.created = s.now();
      copy.envelope_from = TenantIndex{next_tag++};
      const MessageId id = messages.create(copy);
      ledger.on_created(messages[id]);
      provider->submit(id);
    });
  }

  void finish() {
    std::vector<const Message*> queued;
    provider->collect_queued(queued);
    ledger.finish(queued, sim.now());
  }
};

inline Message legit(GatewayIndex g = GatewayIndex{0}, TenantIndex t = TenantIndex{0}) {
  Message m;
  m.tenant = t;
  m.header_from = t;
  m.gateway = g;
  return m;
}

inline Message spam(GatewayIndex g = GatewayIndex{0}, TenantIndex t = TenantIndex{0}) {
  Message m = legit(g, t);
  m.kind = MessageKind::Spam;
  return m;
}

}  // namespace repsim::models::testing
