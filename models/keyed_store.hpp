#pragma once
// Values by 64-bit key, for the hot per-(tenant, gateway) state of a large run: an open-addressing
// index (linear probing, power-of-two size, a mixed hash, at most half full) over values kept in
// fixed chunks, so a lookup is one probe into a flat array plus the value, with no division and no
// node chain, and a value never moves once added (references stay valid). Values are never
// removed. Iteration is in insertion order, so it never depends on hashing. Index and chunks
// are read at random, so they live on huge pages (a chunk is one 2 MiB page of values).
#include <cstdint>
#include <memory>
#include <vector>

#include "sim/memory/huge_page_allocator.hpp"
#include "sim/memory/prefetch.hpp"
#include "sim/random.hpp"

namespace repsim::models {

template <class T>
class KeyedStore {
 public:
  static constexpr std::uint64_t kEmpty = ~std::uint64_t{0};  // not a valid key

  KeyedStore() = default;
  KeyedStore(KeyedStore&&) noexcept = default;
  KeyedStore& operator=(KeyedStore&&) noexcept = default;
  // A deep copy (values are copied into chunks of the copy's own).
  KeyedStore(const KeyedStore& other)
      : slots_(other.slots_), mask_(other.mask_), keys_(other.keys_), size_(other.size_) {
    for (std::size_t c = 0; c < other.chunks_.size(); ++c) {
      chunks_.push_back(new_chunk());
      for (std::size_t i = 0; i < kChunk && c * kChunk + i < size_; ++i) chunks_[c][i] = other.chunks_[c][i];
    }
  }
  KeyedStore& operator=(const KeyedStore& other) {
    if (this != &other) *this = KeyedStore(other);
    return *this;
  }

  // The value for `key`, default-constructed on first use. key must not be kEmpty.
  T& operator[](std::uint64_t key) { return value(number(key)); }
  // The number of `key`'s value (adding it, default-constructed, on first use): its position in
  // insertion order, which never changes, so a caller may keep it instead of the key and skip the
  // index. key must not be kEmpty.
  std::uint32_t number(std::uint64_t key) {
    if (2 * (size_ + 1) > slots_.size()) grow();
    std::size_t i = sim::mix64(key) & mask_;
    while (slots_[i].key != key) {
      if (slots_[i].key == kEmpty) {
        slots_[i] = Slot{key, static_cast<std::uint32_t>(size_)};
        keys_.push_back(key);
        if (size_ % kChunk == 0) chunks_.push_back(new_chunk());
        ++size_;
        break;
      }
      i = (i + 1) & mask_;
    }
    return slots_[i].index;
  }
  // The value numbered n (n < size()).
  T& value(std::uint32_t n) { return at(n); }
  const T& value(std::uint32_t n) const { return at(n); }
  // nullptr when the key was never added.
  const T* find(std::uint64_t key) const {
    const std::uint32_t n = find_number(key);
    return n == kAbsent ? nullptr : &at(n);
  }
  // The number of key's value; kAbsent when the key was never added.
  static constexpr std::uint32_t kAbsent = ~std::uint32_t{0};
  std::uint32_t find_number(std::uint64_t key) const {
    if (slots_.empty()) return kAbsent;
    for (std::size_t i = sim::mix64(key) & mask_;; i = (i + 1) & mask_) {
      if (slots_[i].key == key) return slots_[i].index;
      if (slots_[i].key == kEmpty) return kAbsent;
    }
  }

  // A cache hint: the slot `key` hashes to.
  void prefetch_slot(std::uint64_t key) const {
    if (!slots_.empty()) sim::prefetch(&slots_[sim::mix64(key) & mask_]);
  }

  std::size_t size() const { return size_; }
  // Keys in the order they were added.
  const std::vector<std::uint64_t>& keys() const { return keys_; }

 private:
  // As many values as fill a huge page (at least one).
  static constexpr std::size_t kChunk = sizeof(T) >= sim::kHugePage ? 1 : sim::kHugePage / sizeof(T);
  struct Slot {
    std::uint64_t key = kEmpty;
    std::uint32_t index = 0;
  };
  struct ChunkDeleter {
    void operator()(T* values) const noexcept {
      std::destroy_n(values, kChunk);
      sim::huge_deallocate(values, kChunk * sizeof(T), alignof(T));
    }
  };
  using Chunk = std::unique_ptr<T[], ChunkDeleter>;

  static Chunk new_chunk() {
    T* values = static_cast<T*>(sim::huge_allocate(kChunk * sizeof(T), alignof(T)));
    try {
      std::uninitialized_value_construct_n(values, kChunk);
    } catch (...) {
      sim::huge_deallocate(values, kChunk * sizeof(T), alignof(T));
      throw;
    }
    return Chunk(values);
  }

  T& at(std::uint32_t index) const { return chunks_[index / kChunk][index % kChunk]; }
  void grow() {
    std::vector<Slot, sim::HugePageAllocator<Slot>> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : 2 * old.size(), Slot{});
    mask_ = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.key == kEmpty) continue;
      std::size_t i = sim::mix64(s.key) & mask_;
      while (slots_[i].key != kEmpty) i = (i + 1) & mask_;
      slots_[i] = s;
    }
  }

  std::vector<Slot, sim::HugePageAllocator<Slot>> slots_;
  std::size_t mask_ = 0;
  std::vector<Chunk> chunks_;
  std::vector<std::uint64_t> keys_;
  std::size_t size_ = 0;
};

}  // namespace repsim::models
