/// Returns the heap memory freed by expired statements, results and sessions to the system.
///
/// glibc's allocator keeps freed memory in its per-thread arenas, so a server whose statements
/// come and go shows a resident size that follows its busiest moments rather than what it holds
/// (one call returned 14 MB of a soak's 103 MB of anonymous memory after 20 minutes;
/// docs/reliability.md). Called by housekeeping every 30 s; a no-op on other systems.
enum FreedMemory {
    static func release() {
        #if os(Linux)
        _ = glibcMallocTrim(0)
        #endif
    }
}

#if os(Linux)
/// glibc's `malloc_trim` (declared in <malloc.h>, which the Glibc module does not export).
@_silgen_name("malloc_trim")
private func glibcMallocTrim(_ pad: Int) -> Int32
#endif
