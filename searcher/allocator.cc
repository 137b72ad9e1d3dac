// operator new and delete for the news-search process (issue 11).
//
// A search makes about 6,000 allocations (libxapian's cursors, postings and
// strings, snippets), many larger than the C library's per-thread cache
// takes: malloc() and free() were 1.5 M of its 17 M instructions (callgrind).
// And the 1 to 1.3 MB it uses came a 4 KB page fault at a time, which on
// this virtual machine cost more than a block read (a 1 MB heap populated
// with one madvise at the start took half of them, README "Search speed").
// Linked into the news-search executable only, these replace the global
// operator new and delete for it and for the libraries it loads: sizes up
// to 64 KB in classes (16-byte steps to 1 KB, then powers of two), each
// class reusing its freed blocks, carved first from one 2 MB huge page
// populated at once (one fault, where 1 MB of ordinary pages were 256),
// then from 256 KB chunks of malloc(); larger ones are malloc()'s. One
// process, one thread: no locking (news-serve, which searches on several
// threads, keeps the C library's). Memory freed stays in its class until
// the process ends.
//
// Not under AddressSanitizer: its own operator new and delete are what
// find a search's heap errors in the sanitizer build (scripts/test-sanitize).
#if defined(__SANITIZE_ADDRESS__)
#define NEWS_SEARCH_OWN_ALLOCATOR 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define NEWS_SEARCH_OWN_ALLOCATOR 0
#endif
#endif
#ifndef NEWS_SEARCH_OWN_ALLOCATOR
#define NEWS_SEARCH_OWN_ALLOCATOR 1
#endif

#if NEWS_SEARCH_OWN_ALLOCATOR
#include <sys/mman.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>

namespace {

constexpr size_t kHeader = 16;  // the class, keeping blocks 16-byte aligned
constexpr size_t kSmallStep = 16;
constexpr size_t kSmallMax = 1024;
constexpr unsigned kSmallClasses = kSmallMax / kSmallStep;  // 64
constexpr unsigned kLargeClasses = 6;                       // 2, 4, 8, 16, 32, 64 KB
constexpr size_t kMaxClassed = kSmallMax << kLargeClasses;
constexpr uint32_t kUnclassed = ~uint32_t{0};
constexpr size_t kChunk = size_t{256} << 10;

struct FreeBlock {
    FreeBlock* next;
};

FreeBlock* g_free[kSmallClasses + kLargeClasses];
char* g_next = nullptr;
char* g_end = nullptr;

// The first 2 MB, as one huge page populated at once: on this virtual
// machine each 4 KB page fault costs more than a block read, and a search
// uses 1 to 1.3 MB. False when the kernel will not give it.
bool huge_arena() {
#if defined(MADV_HUGEPAGE) && defined(MADV_POPULATE_WRITE)
    constexpr size_t kArena = size_t{2} << 20;
    void* map = mmap(nullptr, 2 * kArena, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (map == MAP_FAILED) return false;
    char* aligned = reinterpret_cast<char*>((reinterpret_cast<uintptr_t>(map) + kArena - 1) &
                                            ~static_cast<uintptr_t>(kArena - 1));
    if (madvise(aligned, kArena, MADV_HUGEPAGE) != 0 || madvise(aligned, kArena, MADV_POPULATE_WRITE) != 0) {
        munmap(map, 2 * kArena);
        return false;
    }
    g_next = aligned;
    g_end = aligned + kArena;
    return true;
#else
    return false;
#endif
}

void* allocate(size_t n) {
    if (n > kMaxClassed) {
        char* p = static_cast<char*>(std::malloc(n + kHeader));
        if (!p) throw std::bad_alloc();
        *reinterpret_cast<uint32_t*>(p) = kUnclassed;
        return p + kHeader;
    }
    unsigned c;
    size_t size;
    if (n <= kSmallMax) {
        c = n == 0 ? 0 : static_cast<unsigned>((n - 1) / kSmallStep);
        size = (c + 1) * kSmallStep;
    } else {
        c = kSmallClasses;
        size = kSmallMax * 2;
        while (size < n) size *= 2, ++c;
    }
    if (FreeBlock* f = g_free[c]) {
        g_free[c] = f->next;
        return f;
    }
    if (static_cast<size_t>(g_end - g_next) < size + kHeader) {
        if (!g_end && huge_arena()) return allocate(n);
        // The rest of the old chunk is left unused.
        char* chunk = static_cast<char*>(std::malloc(kChunk));
        if (!chunk) throw std::bad_alloc();
        g_next = chunk;
        g_end = chunk + kChunk;
    }
    char* p = g_next;
    g_next += size + kHeader;
    *reinterpret_cast<uint32_t*>(p) = c;
    return p + kHeader;
}

void deallocate(void* block) noexcept {
    if (!block) return;
    char* p = static_cast<char*>(block) - kHeader;
    const uint32_t c = *reinterpret_cast<uint32_t*>(p);
    if (c == kUnclassed) {
        std::free(p);
        return;
    }
    auto* f = static_cast<FreeBlock*>(block);
    f->next = g_free[c];
    g_free[c] = f;
}

}  // namespace

void* operator new(size_t n) { return allocate(n); }
void* operator new[](size_t n) { return allocate(n); }
void* operator new(size_t n, const std::nothrow_t&) noexcept {
    try {
        return allocate(n);
    } catch (...) {
        return nullptr;
    }
}
void* operator new[](size_t n, const std::nothrow_t&) noexcept {
    try {
        return allocate(n);
    } catch (...) {
        return nullptr;
    }
}
void operator delete(void* p) noexcept { deallocate(p); }
void operator delete[](void* p) noexcept { deallocate(p); }
void operator delete(void* p, size_t) noexcept { deallocate(p); }
void operator delete[](void* p, size_t) noexcept { deallocate(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { deallocate(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { deallocate(p); }

#endif  // NEWS_SEARCH_OWN_ALLOCATOR
