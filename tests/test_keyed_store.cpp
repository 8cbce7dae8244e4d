// KeyedStore: the flat per-pair index of the ledger. Values never move, iteration is insertion
// order, copies are deep.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "models/keyed_store.hpp"

using repsim::models::KeyedStore;

TEST_CASE("keyed store adds on first use and finds what it added", "[keyed_store]") {
  KeyedStore<int> store;
  CHECK(store.find(5) == nullptr);
  store[5] = 50;
  store[(std::uint64_t{3} << 32) | 7] = 37;
  ++store[5];
  CHECK(store.size() == 2);
  REQUIRE(store.find(5) != nullptr);
  CHECK(*store.find(5) == 51);
  CHECK(*store.find((std::uint64_t{3} << 32) | 7) == 37);
  CHECK(store.find(7) == nullptr);  // the low half alone is another key
  CHECK(store[9] == 0);             // value-initialised
  CHECK(store.size() == 3);
}

TEST_CASE("keyed store values never move while it grows, and iterate in insertion order", "[keyed_store]") {
  KeyedStore<std::uint64_t> store;
  std::vector<std::uint64_t*> addresses;
  std::vector<std::uint64_t> order;
  // 100,000 keys: several index doublings and several chunks (a chunk holds 2 MiB / 8 = 262,144
  // of these, so use a larger value type below for the chunk boundary).
  for (std::uint64_t i = 0; i < 100000; ++i) {
    const std::uint64_t key = (i * 7919) ^ (i << 33);
    std::uint64_t& v = store[key];
    v = i;
    addresses.push_back(&v);
    order.push_back(key);
  }
  CHECK(store.keys() == order);
  for (std::uint64_t i = 0; i < 100000; ++i) {
    REQUIRE(store.find(order[i]) == addresses[i]);
    REQUIRE(*addresses[i] == i);
  }
}

TEST_CASE("keyed store crosses chunk boundaries and copies deeply", "[keyed_store]") {
  struct Big {
    std::uint64_t words[64] = {};  // 512 bytes: 4096 per 2 MiB chunk
  };
  KeyedStore<Big> store;
  for (std::uint64_t k = 0; k < 10000; ++k) store[k].words[63] = k + 1;  // three chunks
  KeyedStore<Big> copy = store;
  store[0].words[63] = 999;
  CHECK(copy.size() == 10000);
  CHECK(copy.find(0)->words[63] == 1);
  CHECK(copy.find(4095)->words[63] == 4096);
  CHECK(copy.find(4096)->words[63] == 4097);  // first value of the second chunk
  CHECK(copy.find(9999)->words[63] == 10000);
  CHECK(copy.find(10000) == nullptr);
  CHECK(store.find(0)->words[63] == 999);
}
