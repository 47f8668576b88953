package io.ticklane.journal;

import org.agrona.concurrent.Agent;

import java.io.IOException;

import static io.ticklane.journal.JournalDescriptor.PAGE_SIZE;

/**
 * One per process that opens a journal, on its own daemon thread, so that none of this is on the append path:
 * <ul>
 *     <li>grows the journal ahead of the cursor (speculatively, within the size limit);</li>
 *     <li>pre-faults the pages ahead of the cursor through this process's own windows: with the optional native
 *     helper, the whole distance at once with {@code MADV_POPULATE_WRITE}; then, a bounded number per cycle, with a
 *     CAS of 0 to 0 on one word per page, which makes the page present and writable in the page tables the
 *     appenders use, takes any first-write cost a hypervisor charges, and cannot overwrite a frame a writer put there
 *     meanwhile;</li>
 *     <li>flushes every interval under {@link Durability#PERIODIC};</li>
 *     <li>applies retention;</li>
 *     <li>follows the log header by header from the shared scanned position, sealing claims abandoned by dead
 *     writers after the claim timeout even when no reader is running, and advancing the scanned position that
 *     recovery starts from; it stays 1 MiB behind a moving cursor, so as not to steal cache lines from writers,
 *     and goes up to the cursor once the log is idle.</li>
 * </ul>
 * Runs on the housekeeper thread only.
 */
final class JournalHousekeeper implements Agent
{
    private static final int MAX_PAGES_PER_CYCLE = 4096;
    private static final int OVERLAP_PAGES = 16;
    private static final long RETENTION_INTERVAL_NS = 1_000_000_000L;
    private static final long SCAN_INTERVAL_NS = 100_000_000L;
    private static final int SCAN_FRAMES_PER_CYCLE = 1 << 20;
    /** The scanner stays this far behind a moving cursor, so it never reads lines writers are writing. */
    private static final long SCAN_LAG_BYTES = 1 << 20;
    private static final FrameHandler IGNORE = (type, time, buffer, offset, length, position) -> {};

    private final Journal journal;
    private final JournalMetadata metadata;
    private final MappedWindows windows;
    private final SegmentStore store;
    private final long aheadBytes;
    private final int chunkSize;
    private final boolean periodic;
    private final long flushIntervalNs;
    private final boolean retention;
    private final boolean populate;
    private JournalReader scanner;
    private long touchedUpTo;
    private long populatedUpTo;
    private long nextFlushNs;
    private long nextRetentionNs;
    private long nextScanNs;
    private long lastScanCursor = -1;

    JournalHousekeeper(final Journal journal)
    {
        this.journal = journal;
        this.metadata = journal.metadata();
        this.windows = journal.windows();
        this.store = journal.store();
        final JournalOptions options = journal.options();
        this.aheadBytes = options.prefaultAheadBytes();
        this.chunkSize = journal.chunkSize();
        this.periodic = options.durability() == Durability.PERIODIC;
        this.flushIntervalNs = options.flushIntervalNs();
        this.retention = options.retainSegments() > 0 || options.retainBytes() > 0 || options.retainAgeNs() > 0;
        this.populate = options.nativeMemory() && NativeMemory.isAvailable();
        final long now = System.nanoTime();
        nextFlushNs = now + flushIntervalNs;
        nextRetentionNs = now;
        nextScanNs = now;
    }

    public int doWork()
    {
        if (journal.isClosed())
        {
            return 0;
        }
        int work = 0;
        final long cursor = metadata.cursor();
        if (aheadBytes > 0)
        {
            work += growAndPrefault(cursor);
        }
        final long nowNs = System.nanoTime();
        if (periodic && nowNs - nextFlushNs >= 0)
        {
            nextFlushNs = nowNs + flushIntervalNs;
            try
            {
                journal.flush();
            }
            catch (final IOException ex)
            {
                journal.recordError("periodic flush failed: " + ex);
            }
            work++;
        }
        if (retention && nowNs - nextRetentionNs >= 0)
        {
            nextRetentionNs = nowNs + RETENTION_INTERVAL_NS;
            store.tryWithLock(() -> store.applyRetention(windows));
            work++;
        }
        if (nowNs - nextScanNs >= 0)
        {
            nextScanNs = nowNs + SCAN_INTERVAL_NS;
            work += scan();
        }
        return work;
    }

    private int scan()
    {
        if (metadata.panicReason() != JournalDescriptor.PANIC_NONE)
        {
            return 0;
        }
        final long cursor = metadata.cursor();
        final long limit = cursor == lastScanCursor ? cursor : cursor - SCAN_LAG_BYTES;
        lastScanCursor = cursor;
        final long shared = Math.max(metadata.scannedPosition(), journal.startPosition());
        if (shared >= limit)
        {
            return 0;
        }
        if (null == scanner)
        {
            scanner = new JournalReader(journal, shared, false, true);
        }
        scanner.skipTo(shared);
        scanner.scanLimit(limit);
        final int frames = scanner.poll(IGNORE, SCAN_FRAMES_PER_CYCLE);
        metadata.advanceScannedPosition(scanner.position());
        return frames;
    }

    private int growAndPrefault(final long cursor)
    {
        int work = 0;
        final long target = cursor + aheadBytes;
        if (metadata.grownLimit() < target && store.ensureGrown(target, true) == SegmentStore.OK &&
            metadata.grownLimit() < target)
        {
            work++;
        }
        final long to = Math.min(target, metadata.grownLimit());
        if (populate)
        {
            work += populate(cursor, to);
        }
        return work + touch(cursor, to);
    }

    /**
     * Faults every page from the cursor up to {@code to} in, in the kernel, with one call per chunk (and the first
     * pages of the next chunk, which frames straddling into it are written through): far cheaper than a trap per
     * page, so it runs the whole distance ahead at once, and a page the writer reaches before the touches costs it
     * no page fault.
     */
    private int populate(final long cursor, final long to)
    {
        long from = Math.max(populatedUpTo, cursor & -PAGE_SIZE);
        int calls = 0;
        while (from < to)
        {
            final MappedWindows.Window window = windows.acquire(from, from + Long.BYTES);
            if (null == window)
            {
                break;
            }
            try
            {
                final long chunkEnd = window.start + chunkSize;
                final long end = Math.min(chunkEnd, to);
                final long address = window.buffer.addressOffset() - window.start;
                NativeMemory.populateWrite(address + from, end - from);
                if (end == chunkEnd && window.end > chunkEnd)
                {
                    NativeMemory.populateWrite(address + chunkEnd,
                        Math.min(window.end - chunkEnd, (long)OVERLAP_PAGES * PAGE_SIZE));
                }
                from = end;
                calls++;
            }
            finally
            {
                windows.release(window);
            }
        }
        populatedUpTo = from;
        return calls;
    }

    /**
     * Writes one word of every page from the cursor on (a CAS of 0 to 0, which cannot overwrite a frame), a bounded
     * number per cycle: it faults the page in where nothing populated it, and it also takes, here and not in an
     * append, the cost a hypervisor that shadows page tables charges for the first write through a new mapping
     * (docs/JOURNAL.md, "Pre-faulting").
     */
    private int touch(final long cursor, final long to)
    {
        long from = Math.max(touchedUpTo, cursor & -PAGE_SIZE);
        int pages = 0;
        while (from < to && pages < MAX_PAGES_PER_CYCLE)
        {
            final MappedWindows.Window window = windows.acquire(from, from + Long.BYTES);
            if (null == window)
            {
                break;
            }
            try
            {
                final long chunkEnd = Math.min(Math.min(window.start + chunkSize, to),
                    from + (long)(MAX_PAGES_PER_CYCLE - pages) * PAGE_SIZE);
                while (from < chunkEnd)
                {
                    window.buffer.compareAndSetLong((int)(from - window.start), 0, 0);
                    from += PAGE_SIZE;
                    pages++;
                }
                if (from == window.start + chunkSize)
                {
                    pages += touchOverlap(window);
                }
            }
            finally
            {
                windows.release(window);
            }
        }
        touchedUpTo = from;
        return pages;
    }

    /**
     * A frame that straddles into the next chunk is written through this window: fault in the first pages of the
     * next chunk here too.
     */
    private int touchOverlap(final MappedWindows.Window window)
    {
        int pages = 0;
        for (long at = window.start + chunkSize; at < window.end && pages < OVERLAP_PAGES; at += PAGE_SIZE)
        {
            window.buffer.compareAndSetLong((int)(at - window.start), 0, 0);
            pages++;
        }
        return pages;
    }

    public void onClose()
    {
        if (null != scanner)
        {
            scanner.close();
        }
    }

    public String roleName()
    {
        return "journal-housekeeper";
    }
}
