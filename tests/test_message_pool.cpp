// MessagePool: ids are handed out in order and reused last-released first, and a message never
// moves while the pool grows past a chunk.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "index_literals.hpp"
#include "models/message.hpp"

using repsim::models::GatewayIndex;
using repsim::models::Message;
using repsim::models::MessageId;
using repsim::models::MessagePool;
using repsim::models::TenantIndex;
using namespace repsim::models::index_literals;

namespace {

Message numbered(std::uint32_t n) {
  Message m;
  m.created = static_cast<repsim::sim::Time>(n) * 3;
  m.tenant = TenantIndex{n};
  m.gateway = GatewayIndex{n % 7};
  m.attempts = static_cast<std::uint16_t>(n % 1000);
  return m;
}

}  // namespace

TEST_CASE("message pool keeps every message in place across chunks", "[message_pool]") {
  MessagePool pool;
  // Past two chunk boundaries (65,536 messages a chunk).
  constexpr std::uint32_t kCount = 140'000;
  std::vector<const Message*> addresses;
  std::uint32_t out_of_order = 0;
  for (std::uint32_t n = 0; n < kCount; ++n) {
    if (pool.create(numbered(n)) != n) ++out_of_order;
    addresses.push_back(&pool[MessageId{n}]);
  }
  CHECK(out_of_order == 0);
  CHECK(pool.live() == kCount);
  CHECK(pool.capacity() == kCount);
  std::uint32_t moved = 0, wrong = 0;
  for (std::uint32_t n = 0; n < kCount; ++n) {
    if (addresses[n] != &pool[MessageId{n}]) ++moved;
    const Message& m = pool[MessageId{n}];
    if (m.tenant != n || m.created != static_cast<repsim::sim::Time>(n) * 3 || m.gateway != n % 7 ||
        m.attempts != n % 1000)
      ++wrong;
  }
  CHECK(moved == 0);
  CHECK(wrong == 0);
}

TEST_CASE("message pool reuses the last released id first and overwrites the slot", "[message_pool]") {
  MessagePool pool;
  for (std::uint32_t n = 0; n < 70'000; ++n) pool.create(numbered(n));
  pool.release(5_message);
  pool.release(66'000_message);  // in the second chunk
  CHECK(pool.live() == 69'998);

  const MessageId first = pool.create(numbered(900'000));
  const MessageId second = pool.create(numbered(900'001));
  const MessageId third = pool.create(numbered(900'002));
  CHECK(first == 66'000);
  CHECK(second == 5);
  CHECK(third == 70'000);  // free list empty: the next new slot
  CHECK(pool[first].tenant == 900'000u);
  // Every field is the new message's: the old one's were created 198,000 and gateway 4.
  CHECK(pool[first].created == 2'700'000);
  CHECK(pool[first].gateway == 3u);
  CHECK(pool[second].tenant == 900'001u);
  CHECK(pool[third].tenant == 900'002u);
  CHECK(pool.live() == 70'001);
  CHECK(pool.capacity() == 70'001);
}
