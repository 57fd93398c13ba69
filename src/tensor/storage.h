// Storage: refcounted untyped bytes (the struct lives in tensor/tensor.h).
// The allocator keeps tiny blocks on a free list, gives large blocks (>= 2 MiB)
// 2 MiB alignment plus MADV_HUGEPAGE and caches a few freed ones, because on
// this class of machine first-touching fresh 4 KiB pages is ~40x slower than
// reusing warm memory.
#ifndef TL_TENSOR_STORAGE_H
#define TL_TENSOR_STORAGE_H

#include "tensor/tensor.h"

// Returns a new storage (refcnt 1) of [nbytes] bytes, zero-filled when [zero],
// or NULL with a pending error carrying PyTorch's "DefaultCPUAllocator: can't
// allocate memory" message. TL_FAIL_ALLOC=N in the environment makes the
// N-th call fail (counting from 1), for tests.
Storage *storage_new(size_t nbytes, bool zero);

// Returns a new storage over foreign memory [data] that tl does not own;
// [free_foreign]([ctx]) runs when the last reference goes (may be NULL).
Storage *storage_wrap(void *data, size_t nbytes, void (*free_foreign)(void *), void *ctx);

Storage *storage_retain(Storage *s);     // returns s; NULL-safe
void storage_release(Storage *s);        // NULL-safe

static inline void storage_bump_version(Storage *s) { s->version++; }

// Returns every cached free block to the system (tests, low-memory retry).
void storage_cache_trim(void);

// Counters for tests and benchmarks.
typedef struct {
    int64_t live;           // storages currently alive
    int64_t allocs;         // storage_new calls that succeeded
    int64_t cache_hits;     // large blocks served from the cache
    size_t cached_bytes;    // bytes parked in the large-block cache
} StorageStats;
StorageStats storage_stats(void);

#endif
