// The CPU storage allocator. Three classes: tiny blocks (header and data in
// one piece, recycled through a free list so 3x3 ops never reach malloc),
// heap blocks (64-byte aligned malloc), and large blocks (>= 2 MiB: mmap'd,
// 2 MiB aligned, MADV_HUGEPAGE, parked in a small cache on release so a loop
// allocating big tensors reuses warm pages instead of faulting fresh ones).
// Single-threaded by design: only the VM thread creates or frees storages.
#include "tensor/storage.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "common/error.h"
#include "common/alloc.h"

enum { AK_SMALL, AK_HEAP, AK_LARGE, AK_FOREIGN };

#define SMALL_MAX 256
#define SMALL_FREE_MAX 1024
#define HEADER_FREE_MAX 1024
#define HUGE_ALIGN ((size_t)2 << 20)
#define CACHE_SLOTS 8

typedef struct {
    Storage s;
    _Alignas(64) unsigned char data[SMALL_MAX];
} SmallBlock;

typedef struct { void *ptr; size_t bytes; } CachedBlock;

static SmallBlock *small_free[SMALL_FREE_MAX];
static int n_small_free;
static Storage *header_free[HEADER_FREE_MAX];
static int n_header_free;
static CachedBlock cache[CACHE_SLOTS];
static int n_cache;
static size_t cache_bytes, cache_cap;
static StorageStats stats;
static int64_t fail_at = -1, alloc_count;

static size_t cache_limit(void) {
    if (!cache_cap) {
        long pages = sysconf(_SC_PHYS_PAGES), psz = sysconf(_SC_PAGESIZE);
        size_t quarter = pages > 0 && psz > 0 ? (size_t)pages * (size_t)psz / 4 : (size_t)1 << 30;
        size_t four_gib = (size_t)4 << 30;
        cache_cap = quarter < four_gib ? quarter : four_gib;
    }
    return cache_cap;
}

static void *raise_oom(size_t nbytes) {
    // PyTorch raises RuntimeError (not MemoryError) for a failed tensor allocation.
    return tl_raise(ERR_RUNTIME, "[enforce fail at alloc_cpu.cpp:75] err == 0. "
                    "DefaultCPUAllocator: can't allocate memory: you tried to allocate "
                    "%zu bytes. Error code 12 (Cannot allocate memory)", nbytes);
}

static bool debug_fail_now(void) {
    if (fail_at < 0) {
        const char *e = getenv("TL_FAIL_ALLOC");
        fail_at = e ? atoll(e) : 0;
    }
    return fail_at > 0 && ++alloc_count == fail_at;
}

// ---- large blocks ----

static void *large_map(size_t bytes) {
    // Over-map by one alignment unit, then trim both ends to a 2 MiB boundary.
    size_t len = bytes + HUGE_ALIGN;
    if (len < bytes) return NULL;
    char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return NULL;
    uintptr_t start = ((uintptr_t)p + HUGE_ALIGN - 1) & ~(uintptr_t)(HUGE_ALIGN - 1);
    size_t head = start - (uintptr_t)p, tail = len - head - bytes;
    if (head) munmap(p, head);
    if (tail) munmap((char *)start + bytes, tail);
#ifdef MADV_HUGEPAGE
    madvise((void *)start, bytes, MADV_HUGEPAGE);
#endif
    return (void *)start;
}

static void cache_remove(int i) {
    cache_bytes -= cache[i].bytes;
    memmove(cache + i, cache + i + 1, (size_t)(n_cache - i - 1) * sizeof *cache);
    n_cache--;
}

// Best fit among cached blocks that waste at most a quarter of the request.
static void *cache_take(size_t bytes, size_t *got) {
    int best = -1;
    for (int i = 0; i < n_cache; i++) {
        size_t b = cache[i].bytes;
        if (b >= bytes && b - bytes <= bytes / 4 && (best < 0 || b < cache[best].bytes))
            best = i;
    }
    if (best < 0) return NULL;
    void *p = cache[best].ptr;
    *got = cache[best].bytes;
    cache_remove(best);
    stats.cache_hits++;
    return p;
}

static void cache_put(void *p, size_t bytes) {
    if (bytes > cache_limit()) { munmap(p, bytes); return; }
    while (n_cache > 0 && (n_cache == CACHE_SLOTS || cache_bytes + bytes > cache_limit())) {
        munmap(cache[0].ptr, cache[0].bytes);          // evict the oldest
        cache_remove(0);
    }
    cache[n_cache++] = (CachedBlock){p, bytes};
    cache_bytes += bytes;
}

void storage_cache_trim(void) {
    while (n_cache > 0) {
        munmap(cache[n_cache - 1].ptr, cache[n_cache - 1].bytes);
        cache_remove(n_cache - 1);
    }
}

// Returns a large block of at least [nbytes] in *data, its true size in
// *got, and whether it is known to be zero-filled (fresh pages).
static bool large_alloc(size_t nbytes, void **data, size_t *got) {
    size_t bytes = (nbytes + HUGE_ALIGN - 1) & ~(HUGE_ALIGN - 1);
    if (bytes < nbytes) { *data = NULL; return false; }
    if ((*data = cache_take(bytes, got))) return false;
    *got = bytes;
    if (!(*data = large_map(bytes))) {
        storage_cache_trim();                 // cached blocks may be what is missing
        *data = large_map(bytes);
    }
    return true;
}

// ---- storages ----

static Storage *header_new(void) {
    Storage *s;
    if (n_header_free) {
        s = header_free[--n_header_free];
        header_free[n_header_free] = NULL;    // stale copies would hide leaks from LSan
    } else {
        s = tl_xmalloc(sizeof(Storage));
    }
    memset(s, 0, sizeof *s);
    s->refcnt = 1;
    s->device = (Device){DEV_CPU, -1};
    s->owns_data = true;
    return s;
}

static Storage *small_new(size_t nbytes, bool zero) {
    SmallBlock *b;
    if (n_small_free) {
        b = small_free[--n_small_free];
        small_free[n_small_free] = NULL;
    } else {
        b = tl_xmalloc(sizeof(SmallBlock));
    }
    Storage *s = &b->s;
    memset(s, 0, sizeof *s);
    s->refcnt = 1;
    s->device = (Device){DEV_CPU, -1};
    s->owns_data = true;
    s->data = b->data;
    s->nbytes = nbytes;
    s->alloc_bytes = SMALL_MAX;
    s->alloc_kind = AK_SMALL;
    if (zero) memset(b->data, 0, nbytes);
    return s;
}

Storage *storage_new(size_t nbytes, bool zero) {
    if (debug_fail_now()) return raise_oom(nbytes);
    Storage *s;
    if (nbytes <= SMALL_MAX) {
        s = small_new(nbytes, zero);
    } else if (nbytes < HUGE_ALIGN) {
        void *p = NULL;
        if (posix_memalign(&p, 64, nbytes) != 0) return raise_oom(nbytes);
        if (zero) memset(p, 0, nbytes);
        s = header_new();
        s->data = p;
        s->alloc_bytes = nbytes;
        s->alloc_kind = AK_HEAP;
    } else {
        void *p;
        size_t got = 0;
        bool fresh = large_alloc(nbytes, &p, &got);
        if (!p) return raise_oom(nbytes);
        if (zero && !fresh) memset(p, 0, nbytes);
        s = header_new();
        s->data = p;
        s->alloc_bytes = got;
        s->alloc_kind = AK_LARGE;
    }
    s->nbytes = nbytes;
    stats.live++;
    stats.allocs++;
    return s;
}

Storage *storage_wrap(void *data, size_t nbytes, void (*free_foreign)(void *), void *ctx) {
    Storage *s = header_new();
    s->data = data;
    s->nbytes = s->alloc_bytes = nbytes;
    s->owns_data = false;
    s->free_foreign = free_foreign;
    s->foreign_ctx = ctx;
    s->alloc_kind = AK_FOREIGN;
    stats.live++;
    return s;
}

Storage *storage_retain(Storage *s) {
    if (s) s->refcnt++;
    return s;
}

static void header_free_one(Storage *s) {
    if (n_header_free < HEADER_FREE_MAX) header_free[n_header_free++] = s;
    else free(s);
}

void storage_release(Storage *s) {
    if (!s || --s->refcnt > 0) return;
    stats.live--;
    switch (s->alloc_kind) {
    case AK_SMALL: {
        SmallBlock *b = (SmallBlock *)s;          // s is the block's first member
        if (n_small_free < SMALL_FREE_MAX) small_free[n_small_free++] = b;
        else free(b);
        return;
    }
    case AK_HEAP: free(s->data); break;
    case AK_LARGE: cache_put(s->data, s->alloc_bytes); break;
    case AK_FOREIGN:
        if (s->free_foreign) s->free_foreign(s->foreign_ctx);
        break;
    }
    header_free_one(s);
}

StorageStats storage_stats(void) {
    StorageStats r = stats;
    r.cached_bytes = cache_bytes;
    return r;
}
