#pragma once
// Objects of one type built in place in one block (huge pages when it is large), at addresses
// that never change: many small objects read at random (a provider's 100,000 tenants) sit
// together on a few pages instead of scattered over the heap, so a run pays few TLB misses for
// them. The capacity is fixed at construction; objects are destroyed with the arena, last first.
#include <cstddef>
#include <memory>
#include <new>
#include <stdexcept>
#include <utility>

#include "sim/memory/huge_page_allocator.hpp"

namespace repsim::sim {

template <class T>
class ObjectArena {
 public:
  ObjectArena() = default;
  explicit ObjectArena(std::size_t capacity)
      : values_(capacity == 0 ? nullptr : static_cast<T*>(huge_allocate(capacity * sizeof(T), alignof(T)))),
        capacity_(capacity) {}
  ObjectArena(ObjectArena&& other) noexcept { swap(other); }
  ObjectArena& operator=(ObjectArena&& other) noexcept {
    ObjectArena(std::move(other)).swap(*this);
    return *this;
  }
  ObjectArena(const ObjectArena&) = delete;
  ObjectArena& operator=(const ObjectArena&) = delete;
  ~ObjectArena() {
    while (size_ > 0) std::destroy_at(values_ + --size_);
    if (values_ != nullptr) huge_deallocate(values_, capacity_ * sizeof(T), alignof(T));
  }

  // Builds the next object; throws std::length_error when the arena is full.
  template <class... Args>
  T& emplace_back(Args&&... args) {
    if (size_ == capacity_) throw std::length_error("object arena: full");
    T* value = ::new (static_cast<void*>(values_ + size_)) T(std::forward<Args>(args)...);
    ++size_;
    return *value;
  }

  std::size_t size() const { return size_; }
  std::size_t capacity() const { return capacity_; }
  T& operator[](std::size_t i) { return values_[i]; }
  const T& operator[](std::size_t i) const { return values_[i]; }
  T* begin() { return values_; }
  T* end() { return values_ + size_; }
  const T* begin() const { return values_; }
  const T* end() const { return values_ + size_; }

 private:
  void swap(ObjectArena& other) noexcept {
    std::swap(values_, other.values_);
    std::swap(capacity_, other.capacity_);
    std::swap(size_, other.size_);
  }

  T* values_ = nullptr;
  std::size_t capacity_ = 0;
  std::size_t size_ = 0;
};

}  // namespace repsim::sim
