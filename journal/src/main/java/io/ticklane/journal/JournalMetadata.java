package io.ticklane.journal;

import org.agrona.concurrent.UnsafeBuffer;

import static io.ticklane.journal.JournalDescriptor.*;

/**
 * Typed access to the shared metadata mapping ({@link JournalDescriptor}): the cursor, the growth fields, the
 * cross-process lock, the panic state, the counters and the reader slots. Every field is read and written with
 * the ordering named at its accessor, because other processes use it at the same time.
 * <p>
 * Over a read-only mapping (a journal opened read-only) every method that would write throws
 * {@link IllegalStateException} instead of faulting on the protected page.
 * <p>
 * Thread-safe: a flyweight over shared memory with no state of its own besides the process id.
 */
final class JournalMetadata
{
    static final long PID = ProcessHandle.current().pid();

    private final UnsafeBuffer buffer;
    private final boolean readOnly;

    JournalMetadata(final UnsafeBuffer buffer, final boolean readOnly)
    {
        this.buffer = buffer;
        this.readOnly = readOnly;
    }

    private void checkWritable()
    {
        if (readOnly)
        {
            throw new IllegalStateException("journal metadata is open read-only");
        }
    }

    int version()
    {
        return buffer.getInt(VERSION_OFFSET);
    }

    /**
     * Raises the format version (repair, after it wrote a frame type older builds do not know).
     */
    void raiseVersion(final int version)
    {
        checkWritable();
        if (buffer.getInt(VERSION_OFFSET) < version)
        {
            buffer.putIntRelease(VERSION_OFFSET, version);
        }
    }

    UnsafeBuffer buffer()
    {
        return buffer;
    }

    int chunkSize()
    {
        return buffer.getInt(CHUNK_SIZE_OFFSET);
    }

    long segmentSize()
    {
        return buffer.getLong(SEGMENT_SIZE_OFFSET);
    }

    int indexStride()
    {
        return buffer.getInt(INDEX_STRIDE_OFFSET);
    }

    long creatorPid()
    {
        return buffer.getLong(CREATOR_PID_OFFSET);
    }

    long createdMs()
    {
        return buffer.getLong(CREATED_MS_OFFSET);
    }

    /**
     * @param aligned bytes to claim.
     * @return the claimed position: atomic across threads and processes (lock xadd on the shared page).
     */
    long claim(final int aligned)
    {
        return buffer.getAndAddLong(CURSOR_OFFSET, aligned);
    }

    /**
     * @return the cursor, acquire.
     */
    long cursor()
    {
        return buffer.getLongVolatile(CURSOR_OFFSET);
    }

    boolean casCursor(final long expected, final long update)
    {
        checkWritable();
        return buffer.compareAndSetLong(CURSOR_OFFSET, expected, update);
    }

    /**
     * @return positions below this are backed by segment files; acquire, pairs with the grower's release.
     */
    long grownLimit()
    {
        return buffer.getLongVolatile(GROWN_LIMIT_OFFSET);
    }

    void grownLimitRelease(final long limit)
    {
        buffer.putLongRelease(GROWN_LIMIT_OFFSET, limit);
    }

    long requestedLimit()
    {
        return buffer.getLongVolatile(REQUESTED_LIMIT_OFFSET);
    }

    /**
     * The speculative size ratchet: raise the requested limit to at least {@code limit}.
     *
     * @param limit wanted grown limit.
     */
    void ratchetRequestedLimit(final long limit)
    {
        long current;
        do
        {
            current = buffer.getLongVolatile(REQUESTED_LIMIT_OFFSET);
            if (current >= limit)
            {
                return;
            }
        }
        while (!buffer.compareAndSetLong(REQUESTED_LIMIT_OFFSET, current, limit));
    }

    long firstSegment()
    {
        return buffer.getLongVolatile(FIRST_SEGMENT_OFFSET);
    }

    void firstSegmentRelease(final long segment)
    {
        buffer.putLongRelease(FIRST_SEGMENT_OFFSET, segment);
    }

    long scannedPosition()
    {
        return buffer.getLongVolatile(SCANNED_POSITION_OFFSET);
    }

    void advanceScannedPosition(final long position)
    {
        checkWritable();
        casMax(SCANNED_POSITION_OFFSET, position);
    }

    /**
     * Moves the scanned position to {@code update}, back as well as forward, if it is still {@code expected}.
     */
    boolean casScannedPosition(final long expected, final long update)
    {
        checkWritable();
        return buffer.compareAndSetLong(SCANNED_POSITION_OFFSET, expected, update);
    }

    long flushedPosition()
    {
        return buffer.getLongVolatile(FLUSHED_POSITION_OFFSET);
    }

    void advanceFlushedPosition(final long position)
    {
        checkWritable();
        casMax(FLUSHED_POSITION_OFFSET, position);
    }

    private void casMax(final int offset, final long value)
    {
        long current;
        do
        {
            current = buffer.getLongVolatile(offset);
            if (current >= value)
            {
                return;
            }
        }
        while (!buffer.compareAndSetLong(offset, current, value));
    }

    void increment(final int counterOffset)
    {
        checkWritable();
        buffer.getAndAddLong(counterOffset, 1);
    }

    long counter(final int counterOffset)
    {
        return buffer.getLongVolatile(counterOffset);
    }

    /**
     * @return 0 or the panic reason, acquire.
     */
    int panicReason()
    {
        return buffer.getIntVolatile(PANIC_REASON_OFFSET);
    }

    long panicPosition()
    {
        return buffer.getLongVolatile(PANIC_POSITION_OFFSET);
    }

    long panicPid()
    {
        return buffer.getLongVolatile(PANIC_PID_OFFSET);
    }

    long panicMs()
    {
        return buffer.getLongVolatile(PANIC_MS_OFFSET);
    }

    /**
     * Enters the panicked state. The details are written before the reason is published (release), so whoever
     * sees the reason sees them; the first panic wins.
     */
    void panic(final int reason, final long position)
    {
        checkWritable();
        if (buffer.getIntVolatile(PANIC_REASON_OFFSET) != PANIC_NONE)
        {
            return;
        }
        buffer.putLong(PANIC_POSITION_OFFSET, position);
        buffer.putLong(PANIC_PID_OFFSET, PID);
        buffer.putLong(PANIC_MS_OFFSET, System.currentTimeMillis());
        buffer.compareAndSetInt(PANIC_REASON_OFFSET, PANIC_NONE, reason);
    }

    void clearPanic()
    {
        checkWritable();
        buffer.putIntRelease(PANIC_REASON_OFFSET, PANIC_NONE);
    }

    /**
     * @return the PID holding the metadata lock, or 0.
     */
    long lockOwner()
    {
        return buffer.getLongVolatile(LOCK_OWNER_OFFSET);
    }

    /**
     * One attempt at the cross-process lock. Threads of one process must serialise among themselves first, since
     * the owner is a PID.
     *
     * @return true when taken.
     */
    boolean tryLock()
    {
        checkWritable();
        if (buffer.compareAndSetLong(LOCK_OWNER_OFFSET, 0, PID))
        {
            buffer.putLongRelease(LOCK_MS_OFFSET, System.currentTimeMillis());
            return true;
        }
        return false;
    }

    /**
     * Takes the lock from a dead owner.
     *
     * @param deadOwner the PID seen holding it.
     * @return true when taken.
     */
    boolean breakLock(final long deadOwner)
    {
        if (buffer.compareAndSetLong(LOCK_OWNER_OFFSET, deadOwner, PID))
        {
            buffer.putLongRelease(LOCK_MS_OFFSET, System.currentTimeMillis());
            increment(LOCK_BREAKS_OFFSET);
            return true;
        }
        return false;
    }

    void unlock()
    {
        buffer.compareAndSetLong(LOCK_OWNER_OFFSET, PID, 0);
    }

    static int readerSlotOffset(final int slot)
    {
        return READER_SLOTS_OFFSET + slot * READER_SLOT_LENGTH;
    }

    /**
     * Registers a reader, reclaiming slots of dead processes.
     *
     * @param position where it starts.
     * @return the slot, or -1 when all are taken by live processes.
     */
    int registerReader(final long position)
    {
        checkWritable();
        for (int pass = 0; pass < 2; pass++)
        {
            for (int slot = 0; slot < READER_SLOT_COUNT; slot++)
            {
                final int offset = readerSlotOffset(slot);
                final long pid = buffer.getLongVolatile(offset + READER_PID_OFFSET);
                final boolean free = 0 == pid || (pass == 1 && pid != PID && !isAlive(pid));
                if (free && buffer.compareAndSetLong(offset + READER_PID_OFFSET, pid, PID))
                {
                    buffer.putLongRelease(offset + READER_POSITION_OFFSET, position);
                    buffer.putLongRelease(offset + READER_HEARTBEAT_OFFSET, System.currentTimeMillis());
                    return slot;
                }
            }
        }
        return -1;
    }

    void readerPosition(final int slot, final long position)
    {
        buffer.putLongRelease(readerSlotOffset(slot) + READER_POSITION_OFFSET, position);
    }

    void releaseReader(final int slot)
    {
        buffer.compareAndSetLong(readerSlotOffset(slot) + READER_PID_OFFSET, PID, 0);
    }

    /**
     * @return the lowest position of a reader registered by a live process, or {@link Long#MAX_VALUE}.
     */
    long minReaderPosition()
    {
        long min = Long.MAX_VALUE;
        for (int slot = 0; slot < READER_SLOT_COUNT; slot++)
        {
            final int offset = readerSlotOffset(slot);
            final long pid = buffer.getLongVolatile(offset + READER_PID_OFFSET);
            if (0 != pid && (pid == PID || isAlive(pid)))
            {
                min = Math.min(min, buffer.getLongVolatile(offset + READER_POSITION_OFFSET));
            }
        }
        return min;
    }

    /**
     * @return readers registered by live processes.
     */
    int liveReaders()
    {
        int count = 0;
        for (int slot = 0; slot < READER_SLOT_COUNT; slot++)
        {
            final long pid = buffer.getLongVolatile(readerSlotOffset(slot) + READER_PID_OFFSET);
            if (0 != pid && (pid == PID || isAlive(pid)))
            {
                count++;
            }
        }
        return count;
    }

    static boolean isAlive(final long pid)
    {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
