package io.ticklane.gateway;

import org.agrona.collections.Int2ObjectHashMap;

/**
 * What one feed channel knows of each instrument it carries: its tick size (for validation), whether its book is
 * live or stale, and the sequence up to which the feed is already reflected in its book (after a snapshot that ran
 * ahead of the incrementals). Single thread (the channel's gateway agent); allocates only on an instrument's first
 * appearance.
 */
public final class InstrumentTable implements FeedDecoder.TickSizes
{
    public static final int LIVE = 0;
    public static final int STALE = 1;

    /** One instrument's state. */
    public static final class Entry
    {
        final int instrumentId;
        long tickSize;
        int state = LIVE;
        long liveFromSequence;

        Entry(final int instrumentId)
        {
            this.instrumentId = instrumentId;
        }

        public int instrumentId()
        {
            return instrumentId;
        }

        public int state()
        {
            return state;
        }

        public long tickSize()
        {
            return tickSize;
        }
    }

    private final Int2ObjectHashMap<Entry> entries = new Int2ObjectHashMap<>();
    private int staleCount;

    /**
     * @param instrumentId instrument.
     * @return its entry or null.
     */
    public Entry get(final int instrumentId)
    {
        return entries.get(instrumentId);
    }

    /**
     * @param instrumentId instrument.
     * @param state        initial state.
     * @return a new entry.
     */
    public Entry add(final int instrumentId, final int state)
    {
        final Entry entry = new Entry(instrumentId);
        entry.state = state;
        if (state == STALE)
        {
            staleCount++;
        }
        entries.put(instrumentId, entry);
        return entry;
    }

    /**
     * @param entry an entry.
     * @return true when it changed from live to stale.
     */
    public boolean markStale(final Entry entry)
    {
        if (entry.state == STALE)
        {
            return false;
        }
        entry.state = STALE;
        staleCount++;
        return true;
    }

    /**
     * @param entry            an entry.
     * @param liveFromSequence the feed is reflected in the book up to this sequence.
     */
    public void markLive(final Entry entry, final long liveFromSequence)
    {
        if (entry.state == STALE)
        {
            staleCount--;
        }
        entry.state = LIVE;
        entry.liveFromSequence = liveFromSequence;
    }

    /**
     * @return instruments currently stale.
     */
    public int staleCount()
    {
        return staleCount;
    }

    /**
     * Calls {@code action} for each entry (allocation-free iteration over the map's values).
     *
     * @param action what to do.
     */
    public void forEach(final java.util.function.Consumer<Entry> action)
    {
        entries.values().forEach(action);
    }

    public long tickSize(final int instrumentId)
    {
        final Entry entry = entries.get(instrumentId);
        return null == entry ? 0 : entry.tickSize;
    }
}
