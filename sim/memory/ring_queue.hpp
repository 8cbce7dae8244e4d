#pragma once
// A FIFO queue in one power-of-two ring that grows by doubling. std::deque allocates and frees a
// 512-byte node whenever its ends cross one; with thousands of short queues (one per destination)
// those nodes end up scattered over the heap and every use is a cold cache line. A ring stays where
// it was allocated.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "sim/memory/prefetch.hpp"

namespace repsim::sim {

template <class T>
class RingQueue {
 public:
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  // Preconditions: !empty() for front and pop_front, i < size() for [i] (counted from the front).
  const T& front() const { return slots_[head_]; }
  const T& operator[](std::size_t i) const { return slots_[(head_ + i) & mask()]; }
  T& operator[](std::size_t i) { return slots_[(head_ + i) & mask()]; }
  void pop_front() {
    head_ = static_cast<std::uint32_t>((head_ + 1) & mask());
    --size_;
  }
  // A cache hint: the slot front() reads.
  void prefetch_front() const {
    if (!slots_.empty()) prefetch(&slots_[head_]);
  }
  // A cache hint: the slot the next push_back writes.
  void prefetch_back() const {
    if (!slots_.empty()) prefetch(&slots_[(head_ + size_) & mask()]);
  }
  void push_back(const T& value) {
    if (size_ == slots_.size()) grow();
    slots_[(head_ + size_) & mask()] = value;
    ++size_;
  }

 private:
  static constexpr std::size_t kFirstCapacity = 8;
  std::size_t mask() const { return slots_.size() - 1; }
  void grow() {
    if (slots_.size() > (std::size_t{1} << 30)) throw std::length_error("ring queue: too many entries");
    std::vector<T> bigger(slots_.empty() ? kFirstCapacity : 2 * slots_.size());
    for (std::size_t i = 0; i < size_; ++i) bigger[i] = (*this)[i];
    slots_.swap(bigger);
    head_ = 0;
  }

  std::vector<T> slots_;  // size: zero or a power of two
  std::uint32_t head_ = 0;
  std::uint32_t size_ = 0;
};

}  // namespace repsim::sim
