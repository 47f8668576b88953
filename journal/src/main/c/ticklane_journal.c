/*
 * Optional native helper of io.ticklane.journal.NativeMemory: system calls the JDK does not offer, so that the
 * journal's housekeeper can allocate and pre-fault the pages ahead of the writers in a few calls instead of one page
 * fault per page (docs/JOURNAL.md, "Pre-faulting"). The journal module's pom compiles it with gcc when gcc is
 * present; without it NativeMemory reports itself unavailable and the journal falls back to pure Java (zero writes
 * and one touch per page). No jni.h needed: the two JNI arguments are unused and every other argument is a number.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

#define EXPORT __attribute__((visibility("default")))

/* Faults in [address, address + length) of a shared mapping as if written, in the kernel: the pages are allocated
 * (from the page cache, or new) and mapped writable and dirty, without a trap per page. Linux 5.14 and later. */
EXPORT int32_t Java_io_ticklane_journal_NativeMemory_populateWrite(void *env, void *cls, int64_t address,
    int64_t length)
{
    (void)env;
    (void)cls;
    return madvise((void *)(intptr_t)address, (size_t)length, MADV_POPULATE_WRITE) == 0 ? 0 : -errno;
}

/* Asks for transparent huge pages on [address, address + length) (shmem: only where the mount allows "advise"). */
EXPORT int32_t Java_io_ticklane_journal_NativeMemory_adviseHugePages(void *env, void *cls, int64_t address,
    int64_t length)
{
    (void)env;
    (void)cls;
    return madvise((void *)(intptr_t)address, (size_t)length, MADV_HUGEPAGE) == 0 ? 0 : -errno;
}

/* Allocates the blocks (or tmpfs pages) of [offset, offset + length) of the file whose NUL-terminated path is at
 * pathAddress, so that a full file system fails here instead of a later store into the mapping (SIGBUS), without
 * writing zeros through the page cache. */
EXPORT int32_t Java_io_ticklane_journal_NativeMemory_fallocate(void *env, void *cls, int64_t pathAddress,
    int64_t offset, int64_t length)
{
    (void)env;
    (void)cls;
    const int fd = open((const char *)(intptr_t)pathAddress, O_RDWR | O_CLOEXEC);
    if (fd < 0)
    {
        return -errno;
    }
    const int result = fallocate(fd, 0, (off_t)offset, (off_t)length) == 0 ? 0 : -errno;
    close(fd);
    return result;
}
