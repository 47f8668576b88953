/*
 * What a page costs on this machine, by way of getting it under a writer: the figures behind the journal's
 * pre-faulting choices (docs/JOURNAL.md, "Pre-faulting"). Not built by Maven; run by hand:
 *
 *   gcc -O2 -o /tmp/page_cost benchmarks/src/main/c/page_cost.c && /tmp/page_cost /dev/shm/page-cost 256
 *
 * For a file of N MiB (created, allocated with fallocate, removed at the end) it times, per 4 KiB page: faulting a
 * fresh mapping in by touching one word per page, by MADV_POPULATE_WRITE, the first write through the populated
 * mapping, a second write pass, and reading the file sequentially through a fresh mapping and with pread into a
 * reused buffer. Minor faults are those of this thread (getrusage).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static long faults(void)
{
    struct rusage r;
    getrusage(RUSAGE_THREAD, &r);
    return r.ru_minflt;
}

static void report(const char *what, double seconds, long bytes, long faultCount)
{
    printf("  %-44s %7.2f us/page  %6.2f GB/s  %8ld minor faults\n", what, seconds / (bytes / 4096) * 1e6,
        bytes / seconds / 1e9, faultCount);
}

int main(int argc, char **argv)
{
    if (argc != 3)
    {
        fprintf(stderr, "usage: page_cost FILE MIB\n");
        return 2;
    }
    const long length = atol(argv[2]) << 20;
    unlink(argv[1]);
    const int fd = open(argv[1], O_RDWR | O_CREAT, 0644);
    if (fd < 0 || fallocate(fd, 0, 0, length) != 0)
    {
        perror(argv[1]);
        return 1;
    }
    printf("%s, %ld MiB:\n", argv[1], length >> 20);
    volatile long sink = 0;
    long f0;
    double t0;

    char *p = mmap(0, length, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    f0 = faults(); t0 = now();
    for (long o = 0; o < length; o += 4096) __atomic_fetch_add((long *)(p + o), 0, __ATOMIC_SEQ_CST);
    report("touch one word per page (fresh mapping)", now() - t0, length, faults() - f0);
    f0 = faults(); t0 = now();
    for (long o = 0; o < length; o += 4096) memset(p + o, 1, 4096);
    report("then write every byte", now() - t0, length, faults() - f0);
    munmap(p, length);

    p = mmap(0, length, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    f0 = faults(); t0 = now();
    if (madvise(p, length, MADV_POPULATE_WRITE) != 0) perror("MADV_POPULATE_WRITE");
    report("MADV_POPULATE_WRITE (fresh mapping)", now() - t0, length, faults() - f0);
    f0 = faults(); t0 = now();
    for (long o = 0; o < length; o += 4096) memset(p + o, 2, 4096);
    report("then write every byte, first time", now() - t0, length, faults() - f0);
    f0 = faults(); t0 = now();
    for (long o = 0; o < length; o += 4096) memset(p + o, 3, 4096);
    report("then write every byte, second time", now() - t0, length, faults() - f0);
    munmap(p, length);

    p = mmap(0, length, PROT_READ, MAP_SHARED, fd, 0);
    f0 = faults(); t0 = now();
    for (long o = 0; o < length; o += 64) sink += p[o];
    report("read sequentially through a fresh mapping", now() - t0, length, faults() - f0);
    munmap(p, length);
    char *block = aligned_alloc(4096, 256 << 10);
    memset(block, 0, 256 << 10);
    f0 = faults(); t0 = now();
    for (long o = 0; o < length; o += 256 << 10)
    {
        if (pread(fd, block, 256 << 10, o) < 0) perror("pread");
        for (long i = 0; i < 256 << 10; i += 64) sink += block[i];
    }
    report("read with pread, 256 KiB blocks, one buffer", now() - t0, length, faults() - f0);

    close(fd);
    unlink(argv[1]);
    return 0;
}
