package io.ticklane.config;

/**
 * The memory-mapped journal of every inbound packet (docs/JOURNAL.md). Format keys (chunk size, segment size,
 * index stride) apply when the journal is created; an existing journal keeps its own. Give every process that opens
 * one journal the same operational keys.
 *
 * @param enabled          journal every packet ({@code journal.enabled}, default true).
 * @param path             journal directory ({@code journal.path}).
 * @param maxSizeBytes     most bytes the live segments may take; growth past it fails with an error
 *                         ({@code journal.max.size}, 0 for no limit).
 * @param chunkSize        growth step and mapping unit, a power of two ({@code journal.chunk.size}, default 16m).
 * @param segmentSize      bytes per segment file, a multiple of the chunk size ({@code journal.segment.size}, 1g).
 * @param indexStride      log bytes per index entry, a power of two up to the chunk size
 *                         ({@code journal.index.stride}, 64k).
 * @param mappedWindows    mappings per process, two chunks each ({@code journal.mapped.windows}, 16).
 * @param retainSegments   keep at most this many segments ({@code journal.retain.segments}, 0 = no limit).
 * @param retainBytes      keep at most this many bytes ({@code journal.retain.bytes}, 0 = no limit).
 * @param retainAgeNs      delete segments older than this ({@code journal.retain.age}, 0s = no limit).
 * @param durability       {@code page-cache}, {@code periodic} or {@code per-append} ({@code journal.durability}).
 * @param flushIntervalNs  period of the periodic flush ({@code journal.flush.interval}, 1s).
 * @param claimTimeoutNs   an uncommitted claim older than this is sealed as padding ({@code journal.claim.timeout},
 *                         5s).
 * @param createTimeoutNs  how long to wait for another process creating the journal ({@code journal.create.timeout},
 *                         10s).
 * @param lockTimeoutNs    how long to wait for the metadata lock held by a live process
 *                         ({@code journal.lock.timeout}, 10s).
 * @param prefaultAheadBytes how far ahead of the cursor to grow and pre-fault ({@code journal.prefault.ahead},
 *                         default two chunks, 0 to disable).
 * @param preallocate      back new chunks with written zeros so a full disk fails growth, not a store
 *                         ({@code journal.preallocate}, true).
 */
public record JournalSettings(
    boolean enabled,
    String path,
    long maxSizeBytes,
    int chunkSize,
    long segmentSize,
    int indexStride,
    int mappedWindows,
    int retainSegments,
    long retainBytes,
    long retainAgeNs,
    String durability,
    long flushIntervalNs,
    long claimTimeoutNs,
    long createTimeoutNs,
    long lockTimeoutNs,
    long prefaultAheadBytes,
    boolean preallocate)
{
    static final long HOUR_NS = 3_600_000_000_000L;

    static JournalSettings from(final ConfigSource source)
    {
        final boolean enabled = source.getBoolean("journal.enabled", true);
        final String path = source.getPath("journal.path", "data/journal", ConfigSource.PathKind.DIRECTORY);
        final long maxSize = source.getSizeBytes("journal.max.size", 0, 0, 1L << 50, false);
        final int chunk = (int)source.getSizeBytes("journal.chunk.size", 16 << 20, 64 << 10, 256 << 20, true);
        final long segment = source.getSizeBytes("journal.segment.size", 1L << 30, 64 << 10, 1L << 30, false);
        if (segment % chunk != 0)
        {
            throw ConfigException.invalid("journal.segment.size", String.valueOf(segment),
                "a multiple of journal.chunk.size (" + chunk + ") up to 1g");
        }
        final int stride = (int)source.getSizeBytes("journal.index.stride", Math.min(64 << 10, chunk), 4096,
            chunk, true);
        if (maxSize > 0 && maxSize < chunk)
        {
            throw ConfigException.invalid("journal.max.size", String.valueOf(maxSize),
                "0 (no limit) or at least journal.chunk.size (" + chunk + ")");
        }
        return new JournalSettings(
            enabled,
            path,
            maxSize,
            chunk,
            segment,
            stride,
            source.getInt("journal.mapped.windows", 16, 2, 4096),
            source.getInt("journal.retain.segments", 0, 0, 1 << 20),
            source.getSizeBytes("journal.retain.bytes", 0, 0, 1L << 50, false),
            source.getDurationNs("journal.retain.age", 0, 0, 100_000 * HOUR_NS),
            source.getChoice("journal.durability", "page-cache", "page-cache", "periodic", "per-append"),
            source.getDurationNs("journal.flush.interval", 1_000_000_000L, 1_000_000L, HOUR_NS),
            source.getDurationNs("journal.claim.timeout", 5_000_000_000L, 1_000_000L, HOUR_NS),
            source.getDurationNs("journal.create.timeout", 10_000_000_000L, 1_000_000L, HOUR_NS),
            source.getDurationNs("journal.lock.timeout", 10_000_000_000L, 1_000_000L, HOUR_NS),
            source.getSizeBytes("journal.prefault.ahead", 2L * chunk, 0, 1L << 32, false),
            source.getBoolean("journal.preallocate", true));
    }
}
