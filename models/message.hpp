#pragma once
// A message and the pool that stores them. A provider-sized run has millions queued at once, so a
// message is a small record in a slab reused through a free list, addressed by a 32-bit id.
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "models/ids.hpp"
#include "sim/huge_page_allocator.hpp"
#include "sim/time.hpp"

namespace repsim::models {

enum class MessageKind : std::uint8_t { Legit, Spam };

// Where a message ended. Every created message reaches exactly one of these (Queued only at the
// end of a run); the ledger checks it.
enum class FinalState : std::uint8_t {
  Queued,     // still in a sender queue
  Delivered,  // 250 from the recipient gateway
  Rejected,   // 5xx from the recipient gateway: NDR to the sender now
  Expired,    // queue lifetime passed while deferred: NDR to the sender
  Filtered,   // stopped by the provider's outbound spam filter, never left the provider
};

struct Message {
  sim::Time created = 0;
  TenantIndex tenant = kNone;         // who sent it (the authenticated customer)
  TenantIndex header_from = kNone;    // whose domain the From: header shows (differs when spoofing)
  TenantIndex envelope_from = kNone;  // whose domain MAIL FROM shows
  GatewayIndex gateway = kNone;       // the recipient organisation
  ProviderIndex provider = kNone;     // the outbound route it is queued on
  // The ledger's number for the (tenant, gateway) pair when the sender knew it (Ledger::reserve_pairs),
  // else kNone. It saves the ledger a lookup per message, and lets a source that draws mail ahead
  // ask for the pair's line without first reading the tenant's directory.
  std::uint32_t pair = kNone;
  std::uint16_t attempts = 0;
  MessageKind kind = MessageKind::Legit;
  bool has_attachment = false;
  bool delay_notice_sent = false;
  bool to_trap = false;  // addressed to a spam trap (only spam lists these)
};
// The slab holds 10 million of these at a provider-sized week's peak: a new field must fit in the
// padding, or the slab grows by a fifth.
static_assert(sizeof(Message) == 40);

class MessagePool {
 public:
  MessageId create(const Message& m) {
    MessageId id;
    if (!free_.empty()) {
      id = free_.back();
      free_.pop_back();
      slots_[id] = m;
    } else {
      if (slots_.size() >= kNone) throw std::length_error("message pool: too many live messages");
      id = static_cast<MessageId>(slots_.size());
      slots_.push_back(m);
    }
    ++live_;
    return id;
  }
  void release(MessageId id) {
    free_.push_back(id);
    --live_;
  }
  Message& operator[](MessageId id) { return slots_[id]; }
  const Message& operator[](MessageId id) const { return slots_[id]; }
  std::size_t live() const { return live_; }
  std::size_t capacity() const { return slots_.size(); }

 private:
  std::vector<Message, sim::HugePageAllocator<Message>> slots_;  // read at random: huge pages
  std::vector<MessageId> free_;
  std::size_t live_ = 0;
};

}  // namespace repsim::models
