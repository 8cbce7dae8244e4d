#pragma once
// A message and the pool that hands it from its sender to its provider: a small record in a slab
// reused through a free list, addressed by a 32-bit id. A provider takes each message out of the
// pool when it is submitted, and mail that waits sits in the provider's lanes (models/provider.hpp).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <vector>

#include "models/ids.hpp"
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
// The provider's lanes hold 10 million of these at a provider-sized week's peak: a new field must
// fit in the padding, or the queues grow by a fifth.
static_assert(sizeof(Message) == 40);

// The slab can grow large (a sink may keep what it is given, as the tests' sinks do), so it is kept
// in fixed chunks that are never moved: a growing vector would copy it at each doubling and fault
// in twice its size. The chunks are on ordinary pages, not huge pages like the tables read at
// random: a huge page is zeroed whole on first touch, 2 MiB at a time, which costs a growing slab
// more than the pages' reach saves (bench/README.md, "The message slab").
class MessagePool {
 public:
  MessageId create(const Message& m) {
    MessageId id;
    if (!free_.empty()) {
      id = free_.back();
      free_.pop_back();
    } else {
      if (created_ >= kNone) throw std::length_error("message pool: too many live messages");
      if (created_ % kChunk == 0) chunks_.push_back(std::make_unique<Message[]>(kChunk));
      id = static_cast<MessageId>(created_++);
    }
    (*this)[id] = m;
    ++live_;
    return id;
  }
  void release(MessageId id) {
    free_.push_back(id);
    --live_;
  }
  // References stay valid while the pool lives (the slot's content changes once it is reused).
  Message& operator[](MessageId id) { return chunks_[id / kChunk][id % kChunk]; }
  const Message& operator[](MessageId id) const { return chunks_[id / kChunk][id % kChunk]; }
  std::size_t live() const { return live_; }
  // Slots ever used: live ones plus those on the free list.
  std::size_t capacity() const { return created_; }

 private:
  static constexpr std::size_t kChunk = std::size_t{1} << 16;  // 2.5 MiB of messages

  std::vector<std::unique_ptr<Message[]>> chunks_;
  std::size_t created_ = 0;
  std::vector<MessageId> free_;
  std::size_t live_ = 0;
};

}  // namespace repsim::models
