/*
 * Reads the CPU's time-stamp counter for io.ticklane.benchmarks.latency.TscTicker, to measure whether a TSC
 * ticker beats System.nanoTime() (docs/OPERATIONS.md, "Clock"). Optional: the benchmarks module's pom compiles it
 * with gcc when gcc is present; without it TscTicker reports itself unavailable and everything else still builds.
 * No jni.h needed: the two JNI arguments are unused.
 */
#include <stdint.h>

#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
static inline int64_t ticks(void)
{
    return (int64_t)__rdtsc();
}
#elif defined(__aarch64__)
static inline int64_t ticks(void)
{
    int64_t value;
    __asm__ __volatile__("mrs %0, cntvct_el0" : "=r"(value));
    return value;
}
#else
#error "no time-stamp counter known for this architecture"
#endif

__attribute__((visibility("default")))
int64_t Java_io_ticklane_benchmarks_latency_TscTicker_rdtsc(void *env, void *cls)
{
    (void)env;
    (void)cls;
    return ticks();
}
