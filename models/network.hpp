#pragma once
// The seams between models. A tenant hands new mail to a MessageSink (the ecosystem, which knows
// each tenant's current route); a provider hands each delivery attempt to a DeliveryNetwork (the
// ecosystem again, which knows the gateways). Tests plug in small fakes.
#include "models/ids.hpp"
#include "models/message.hpp"
#include "models/smtp.hpp"
#include "sim/time.hpp"

namespace repsim::models {

class MessageSink {
 public:
  // The message is already in the pool; the sink owns what happens to it from here.
  virtual void submit(MessageId id) = 0;
  // A hint with no observable effect: a message like m (its tenant and gateway) will be submitted
  // soon. A traffic source that draws ahead calls it with stage 0, then 1 a little later, so a sink
  // can ask for the cache lines the submission will read (stage 1 may follow what stage 0 fetched).
  virtual void prefetch(const Message& m, int stage) const {
    (void)m;
    (void)stage;
  }

 protected:
  ~MessageSink() = default;
};

class DeliveryNetwork {
 public:
  // One SMTP transaction of message m from `ip` of provider `via` to m.gateway at `now`.
  virtual SmtpReply deliver(const Message& m, IpIndex ip, ProviderIndex via, sim::Time now) = 0;
  // A hint with no observable effect: m will be delivered soon. A provider walking a queue knows
  // which mail comes next, so the network can ask for what a delivery reads about its sender.
  virtual void prefetch_delivery(const Message& m) const { (void)m; }

 protected:
  ~DeliveryNetwork() = default;
};

}  // namespace repsim::models
