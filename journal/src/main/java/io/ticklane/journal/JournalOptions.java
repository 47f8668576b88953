package io.ticklane.journal;

import java.nio.file.Path;

/**
 * How to open a journal, validated once by {@link #conclude()} (called by {@link Journal#open}). Format settings
 * (chunk size, segment size, index stride) apply when the journal is created; an existing journal keeps its own.
 * Operational settings (ring size, limits, retention, durability, timeouts) are per process: give every process
 * that opens one journal the same ones.
 * <p>
 * Not thread-safe: build on one thread, then hand to {@link Journal#open}.
 */
public final class JournalOptions
{
    public static final int CHUNK_SIZE_DEFAULT = 16 << 20;
    public static final int CHUNK_SIZE_MIN = 64 << 10;
    public static final int CHUNK_SIZE_MAX = 256 << 20;
    public static final long SEGMENT_SIZE_DEFAULT = 1L << 30;
    public static final long SEGMENT_SIZE_MAX = 1L << 30;
    public static final int MAPPED_WINDOWS_DEFAULT = 16;
    public static final int INDEX_STRIDE_DEFAULT = 64 << 10;
    public static final long CLAIM_TIMEOUT_NS_DEFAULT = 5_000_000_000L;
    public static final long CREATE_TIMEOUT_NS_DEFAULT = 10_000_000_000L;
    public static final long LOCK_TIMEOUT_NS_DEFAULT = 10_000_000_000L;
    public static final long FLUSH_INTERVAL_NS_DEFAULT = 1_000_000_000L;

    private final Path directory;
    private int chunkSize = CHUNK_SIZE_DEFAULT;
    private long segmentSize = SEGMENT_SIZE_DEFAULT;
    private int indexStride = INDEX_STRIDE_DEFAULT;
    private int mappedWindows = MAPPED_WINDOWS_DEFAULT;
    private long maxSizeBytes;
    private int retainSegments;
    private long retainBytes;
    private long retainAgeNs;
    private Durability durability = Durability.PAGE_CACHE;
    private long flushIntervalNs = FLUSH_INTERVAL_NS_DEFAULT;
    private long claimTimeoutNs = CLAIM_TIMEOUT_NS_DEFAULT;
    private long createTimeoutNs = CREATE_TIMEOUT_NS_DEFAULT;
    private long lockTimeoutNs = LOCK_TIMEOUT_NS_DEFAULT;
    private long prefaultAheadBytes = -1;
    private boolean preallocate = true;
    private boolean housekeeper = true;
    private boolean create = true;
    private boolean readOnly;
    private boolean nativeMemory = true;

    /**
     * @param directory journal directory (created when missing).
     */
    public JournalOptions(final Path directory)
    {
        this.directory = directory;
    }

    /**
     * The constructor of the first version, kept for its callers.
     *
     * @param directory    journal directory.
     * @param maxSizeBytes most bytes the journal's live segments may take on disk (0 for no limit).
     */
    public JournalOptions(final Path directory, final long maxSizeBytes)
    {
        this(directory);
        this.maxSizeBytes = maxSizeBytes;
    }

    /**
     * Checks every setting against the others.
     *
     * @return this.
     * @throws JournalException naming the setting, its value and what is allowed.
     */
    public JournalOptions conclude()
    {
        if (null == directory)
        {
            throw new JournalException("journal directory is not set");
        }
        if (Integer.bitCount(chunkSize) != 1 || chunkSize < CHUNK_SIZE_MIN || chunkSize > CHUNK_SIZE_MAX)
        {
            throw invalid("chunk size", chunkSize, "a power of two from " + CHUNK_SIZE_MIN + " to " + CHUNK_SIZE_MAX);
        }
        if (segmentSize < chunkSize || segmentSize > SEGMENT_SIZE_MAX || segmentSize % chunkSize != 0)
        {
            throw invalid("segment size", segmentSize, "a multiple of the chunk size (" + chunkSize + ") up to " +
                SEGMENT_SIZE_MAX);
        }
        if (Integer.bitCount(indexStride) != 1 || indexStride < JournalDescriptor.PAGE_SIZE || indexStride > chunkSize)
        {
            throw invalid("index stride", indexStride, "a power of two from " + JournalDescriptor.PAGE_SIZE +
                " to the chunk size (" + chunkSize + ")");
        }
        if (mappedWindows < 2 || mappedWindows > 4096)
        {
            throw invalid("mapped windows", mappedWindows, "2 to 4096");
        }
        if (maxSizeBytes < 0 || (maxSizeBytes > 0 && maxSizeBytes < chunkSize))
        {
            throw invalid("max size", maxSizeBytes, "0 (no limit) or at least one chunk (" + chunkSize + ")");
        }
        if (retainSegments < 0 || retainBytes < 0 || retainAgeNs < 0)
        {
            throw invalid("retention", retainSegments + "/" + retainBytes + "/" + retainAgeNs, "values >= 0");
        }
        if (flushIntervalNs <= 0 || claimTimeoutNs <= 0 || createTimeoutNs <= 0 || lockTimeoutNs <= 0)
        {
            throw invalid("timeouts", flushIntervalNs + "/" + claimTimeoutNs + "/" + createTimeoutNs + "/" +
                lockTimeoutNs, "positive durations");
        }
        if (prefaultAheadBytes < 0)
        {
            prefaultAheadBytes = 2L * chunkSize;
        }
        if (null == durability)
        {
            throw invalid("durability", "null", "page-cache, periodic or per-append");
        }
        if (readOnly)
        {
            create = false;
            housekeeper = false;
        }
        return this;
    }

    private static JournalException invalid(final String name, final Object value, final String allowed)
    {
        return new JournalException("invalid journal option " + name + " = " + value + "; allowed: " + allowed);
    }

    public Path directory()
    {
        return directory;
    }

    public int chunkSize()
    {
        return chunkSize;
    }

    /**
     * @param chunkSize growth step and mapping unit of a new journal: a power of two.
     * @return this.
     */
    public JournalOptions chunkSize(final int chunkSize)
    {
        this.chunkSize = chunkSize;
        return this;
    }

    public long segmentSize()
    {
        return segmentSize;
    }

    /**
     * @param segmentSize bytes of log per segment file of a new journal: a multiple of the chunk size.
     * @return this.
     */
    public JournalOptions segmentSize(final long segmentSize)
    {
        this.segmentSize = segmentSize;
        return this;
    }

    public int indexStride()
    {
        return indexStride;
    }

    /**
     * @param indexStride bytes of log per index entry of a new journal: a power of two.
     * @return this.
     */
    public JournalOptions indexStride(final int indexStride)
    {
        this.indexStride = indexStride;
        return this;
    }

    public int mappedWindows()
    {
        return mappedWindows;
    }

    /**
     * @param mappedWindows size of this process's ring of mappings; each maps two chunks.
     * @return this.
     */
    public JournalOptions mappedWindows(final int mappedWindows)
    {
        this.mappedWindows = mappedWindows;
        return this;
    }

    public long maxSizeBytes()
    {
        return maxSizeBytes;
    }

    /**
     * @param maxSizeBytes most bytes the live segments may take; growth past it fails (0 for no limit).
     * @return this.
     */
    public JournalOptions maxSizeBytes(final long maxSizeBytes)
    {
        this.maxSizeBytes = maxSizeBytes;
        return this;
    }

    public int retainSegments()
    {
        return retainSegments;
    }

    /**
     * @param retainSegments keep at most this many segments (0 for no limit).
     * @return this.
     */
    public JournalOptions retainSegments(final int retainSegments)
    {
        this.retainSegments = retainSegments;
        return this;
    }

    public long retainBytes()
    {
        return retainBytes;
    }

    /**
     * @param retainBytes keep at most this many bytes of segments (0 for no limit).
     * @return this.
     */
    public JournalOptions retainBytes(final long retainBytes)
    {
        this.retainBytes = retainBytes;
        return this;
    }

    public long retainAgeNs()
    {
        return retainAgeNs;
    }

    /**
     * @param retainAgeNs delete segments last written longer ago than this (0 for no limit).
     * @return this.
     */
    public JournalOptions retainAgeNs(final long retainAgeNs)
    {
        this.retainAgeNs = retainAgeNs;
        return this;
    }

    public Durability durability()
    {
        return durability;
    }

    /**
     * @param durability when written frames are forced to the device.
     * @return this.
     */
    public JournalOptions durability(final Durability durability)
    {
        this.durability = durability;
        return this;
    }

    public long flushIntervalNs()
    {
        return flushIntervalNs;
    }

    /**
     * @param flushIntervalNs period of {@link Durability#PERIODIC} flushes.
     * @return this.
     */
    public JournalOptions flushIntervalNs(final long flushIntervalNs)
    {
        this.flushIntervalNs = flushIntervalNs;
        return this;
    }

    public long claimTimeoutNs()
    {
        return claimTimeoutNs;
    }

    /**
     * @param claimTimeoutNs how long a claim may stay uncommitted before a reader or writer seals it as padding.
     * @return this.
     */
    public JournalOptions claimTimeoutNs(final long claimTimeoutNs)
    {
        this.claimTimeoutNs = claimTimeoutNs;
        return this;
    }

    public long createTimeoutNs()
    {
        return createTimeoutNs;
    }

    /**
     * @param createTimeoutNs how long to wait for another process to finish creating the journal.
     * @return this.
     */
    public JournalOptions createTimeoutNs(final long createTimeoutNs)
    {
        this.createTimeoutNs = createTimeoutNs;
        return this;
    }

    public long lockTimeoutNs()
    {
        return lockTimeoutNs;
    }

    /**
     * @param lockTimeoutNs how long to wait for the metadata lock held by a live process before failing.
     * @return this.
     */
    public JournalOptions lockTimeoutNs(final long lockTimeoutNs)
    {
        this.lockTimeoutNs = lockTimeoutNs;
        return this;
    }

    public long prefaultAheadBytes()
    {
        return prefaultAheadBytes;
    }

    /**
     * @param prefaultAheadBytes how far ahead of the cursor the housekeeper grows and pre-faults (0 to disable;
     *                           default two chunks).
     * @return this.
     */
    public JournalOptions prefaultAheadBytes(final long prefaultAheadBytes)
    {
        this.prefaultAheadBytes = prefaultAheadBytes;
        return this;
    }

    public boolean preallocate()
    {
        return preallocate;
    }

    /**
     * @param preallocate write zeros over each new chunk, so that a full disk fails the growth instead of the
     *                    first store into the mapping (SIGBUS); false grows by {@code setLength} (sparse).
     * @return this.
     */
    public JournalOptions preallocate(final boolean preallocate)
    {
        this.preallocate = preallocate;
        return this;
    }

    public boolean housekeeper()
    {
        return housekeeper;
    }

    /**
     * @param housekeeper run the background thread that grows and pre-faults ahead of writers, flushes, applies
     *                    retention and seals abandoned claims; tools that only read turn it off.
     * @return this.
     */
    public JournalOptions housekeeper(final boolean housekeeper)
    {
        this.housekeeper = housekeeper;
        return this;
    }

    public boolean create()
    {
        return create;
    }

    /**
     * @param create create the journal when absent; tools set false to fail instead.
     * @return this.
     */
    public JournalOptions create(final boolean create)
    {
        this.create = create;
        return this;
    }

    public boolean readOnly()
    {
        return readOnly;
    }

    /**
     * @param readOnly open for inspection or replay without writing anything: the files are opened and mapped
     *                 read-only (a write would fault), the journal is never created, grown, recovered, sealed or
     *                 panicked, no reader slot is taken and no housekeeper runs; appenders and repair are refused.
     *                 Works on an archived journal on read-only media. Implies {@code create(false)} and
     *                 {@code housekeeper(false)}.
     * @return this.
     */
    public JournalOptions readOnly(final boolean readOnly)
    {
        this.readOnly = readOnly;
        return this;
    }

    public boolean nativeMemory()
    {
        return nativeMemory;
    }

    /**
     * @param nativeMemory use the optional native helper where it loads (fallocate for growth,
     *                     {@code MADV_POPULATE_WRITE} and {@code MADV_HUGEPAGE} for pre-faulting); false for the
     *                     pure-Java fallback (zero writes, one touch per page). Default true.
     * @return this.
     */
    public JournalOptions nativeMemory(final boolean nativeMemory)
    {
        this.nativeMemory = nativeMemory;
        return this;
    }

    public String toString()
    {
        return "JournalOptions{directory=" + directory + ", chunkSize=" + chunkSize + ", segmentSize=" +
            segmentSize + ", indexStride=" + indexStride + ", mappedWindows=" + mappedWindows + ", maxSizeBytes=" +
            maxSizeBytes + ", retain=" + retainSegments + "/" + retainBytes + "B/" + retainAgeNs + "ns, durability=" +
            durability + ", flushIntervalNs=" + flushIntervalNs + ", claimTimeoutNs=" + claimTimeoutNs + ", readOnly=" +
            readOnly + "}";
    }
}
