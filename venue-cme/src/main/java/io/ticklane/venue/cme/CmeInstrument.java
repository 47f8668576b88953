package io.ticklane.venue.cme;

import io.ticklane.book.InstrumentDefinition;
import io.ticklane.book.TradingStatus;

/**
 * What a {@link CmeSession} knows about one instrument of its channel: its definition, which books it has, where
 * each book stands (never seen, live, stale), the last RptSeq applied, and its counters. Created when the
 * instrument is first defined or first seen with configured defaults; never removed.
 * <p>
 * Single thread: the session's.
 */
public final class CmeInstrument
{
    /** A book not yet seen on the incremental feed. */
    public static final int UNSEEN = 0;
    /** A book that has applied every update of its feed. */
    public static final int LIVE = 1;
    /** A book that may have missed an update, until a snapshot rebuilds it. */
    public static final int STALE = 2;

    final int securityId;
    final InstrumentDefinition definition = new InstrumentDefinition();
    boolean definedByFeed;
    long securityGroup;
    long asset;
    boolean hasLevels;
    boolean hasOrders;
    int levels = UNSEEN;
    int orders = UNSEEN;
    long rptSeq = -1;
    long lastRptSeqSeen = -1;
    int tradingStatus = TradingStatus.UNKNOWN;
    boolean announcedStale;
    /** The sink could not take the last definition: sent again before the instrument's next event. */
    boolean definitionPending;
    long eventMark = -1;

    long entries;
    long rptSeqGaps;
    long duplicateEntries;
    long skippedWhileStale;
    long recoveries;
    long staleTransitions;
    long backPressured;
    long beyondDepth;
    long badEntries;

    CmeInstrument(final int securityId)
    {
        this.securityId = securityId;
    }

    /**
     * @return true when a book the instrument has is stale.
     */
    boolean isStale()
    {
        return hasLevels && levels == STALE || hasOrders && orders == STALE;
    }

    public int securityId()
    {
        return securityId;
    }

    /**
     * @return the definition the session gave its sink (valid until the next redefinition).
     */
    public InstrumentDefinition definition()
    {
        return definition;
    }

    /**
     * @return true when the definition came from the feed, false when from configured defaults.
     */
    public boolean definedByFeed()
    {
        return definedByFeed;
    }

    /**
     * @return {@link #UNSEEN}, {@link #LIVE} or {@link #STALE} of the market-by-price book.
     */
    public int levelsState()
    {
        return levels;
    }

    /**
     * @return {@link #UNSEEN}, {@link #LIVE} or {@link #STALE} of the market-by-order book.
     */
    public int ordersState()
    {
        return orders;
    }

    /**
     * @return true while readers are told the instrument is stale.
     */
    public boolean stale()
    {
        return announcedStale;
    }

    /**
     * @return last RptSeq applied (-1 before the first).
     */
    public long rptSeq()
    {
        return rptSeq;
    }

    /**
     * @return the venue's trading status as last reported ({@link TradingStatus}).
     */
    public int tradingStatus()
    {
        return tradingStatus;
    }

    /**
     * @return market data entries of this instrument seen on the incremental feed.
     */
    public long entries()
    {
        return entries;
    }

    /**
     * @return RptSeq gaps (an entry arrived more than one past the last applied).
     */
    public long rptSeqGaps()
    {
        return rptSeqGaps;
    }

    /**
     * @return entries at or below the last RptSeq applied (repeats, or already in a snapshot).
     */
    public long duplicateEntries()
    {
        return duplicateEntries;
    }

    /**
     * @return entries not applied because a book was stale.
     */
    public long skippedWhileStale()
    {
        return skippedWhileStale;
    }

    /**
     * @return books rebuilt from a snapshot.
     */
    public long recoveries()
    {
        return recoveries;
    }

    /**
     * @return times the instrument turned stale.
     */
    public long staleTransitions()
    {
        return staleTransitions;
    }

    /**
     * @return events the sink could not take.
     */
    public long backPressured()
    {
        return backPressured;
    }

    /**
     * @return price-level entries past the configured depth, not passed on.
     */
    public long beyondDepth()
    {
        return beyondDepth;
    }

    /**
     * @return entries the session could not translate (null prices or quantities where a value is needed).
     */
    public long badEntries()
    {
        return badEntries;
    }

    public String toString()
    {
        return "CmeInstrument{" + securityId + " " + definition.symbol() + ", levels " + name(levels) + ", orders " +
            name(orders) + ", rptSeq " + rptSeq + ", gaps " + rptSeqGaps + ", recoveries " + recoveries + "}";
    }

    /**
     * @param state a book state.
     * @return its name.
     */
    public static String name(final int state)
    {
        return state == UNSEEN ? "unseen" : state == LIVE ? "live" : state == STALE ? "stale" : "state-" + state;
    }
}
