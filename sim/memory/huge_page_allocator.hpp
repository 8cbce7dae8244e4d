#pragma once
// An allocator for the large flat arrays of a big run (per-entity accounts, hash indexes) that are
// built with the world and read at random: with 4 KiB pages nearly every access of a multi-GiB run
// also misses the TLB, and a page walk costs as much as the miss itself. It does not suit memory
// that keeps growing while a run runs: each new huge page is zeroed whole, 2 MiB at a time, when
// first touched (bench/README.md, "The message slab"). Blocks of at least 1 MiB are rounded up to
// whole 2 MiB pages (less than one page of slack each), aligned, and advised as huge pages
// (transparent huge pages in "madvise" mode, the usual default, only back memory that asks);
// smaller blocks are ordinary allocations. Without transparent huge pages the advice is a no-op.
// Stateless, so containers using it compare and swap like std::allocator's.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace repsim::sim {

inline constexpr std::size_t kHugePage = std::size_t{2} << 20;
inline constexpr std::size_t kHugeBlockMin = kHugePage / 2;

// Raw blocks aligned to `align` (a power of two): huge_allocate(bytes, align) is released with
// huge_deallocate(p, bytes, align).
inline void* huge_allocate(std::size_t bytes, std::size_t align) {
  if (bytes < kHugeBlockMin) return ::operator new (bytes, std::align_val_t{align});
  if (bytes > static_cast<std::size_t>(PTRDIFF_MAX) - kHugePage) throw std::bad_alloc();
  const std::size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
  void* p = std::aligned_alloc(kHugePage, rounded);
  if (p == nullptr) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  ::madvise(p, rounded, MADV_HUGEPAGE);  // advice only: failure leaves ordinary pages
#endif
  return p;
}

inline void huge_deallocate(void* p, std::size_t bytes, std::size_t align) noexcept {
  if (bytes < kHugeBlockMin)
    ::operator delete (p, std::align_val_t{align});
  else
    std::free(p);
}

template <class T>
struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() = default;
  template <class U>
  HugePageAllocator(const HugePageAllocator<U>&) noexcept {}  // NOLINT(google-explicit-constructor)

  T* allocate(std::size_t n) {
    if (n > static_cast<std::size_t>(-1) / sizeof(T)) throw std::bad_array_new_length();
    return static_cast<T*>(huge_allocate(n * sizeof(T), alignof(T)));
  }
  void deallocate(T* p, std::size_t n) noexcept { huge_deallocate(p, n * sizeof(T), alignof(T)); }

  template <class U>
  bool operator==(const HugePageAllocator<U>&) const noexcept {
    return true;
  }
};

}  // namespace repsim::sim
