package io.ticklane.book;

/**
 * The price levels of one book: its {@link PriceLadder} (the window of pre-allocated levels) and, per side, the
 * {@link OverflowLevels} outside it, navigated as one sorted sequence; and the re-centring of the window (the band
 * policy described in {@link LadderOrderBook}). Book-writer thread only.
 */
final class BookLevels
{
    final PriceLadder ladder;
    final OverflowLevels[] overflow = new OverflowLevels[2];
    private final int bandTicks;
    private long recentres;
    private long recentresSkipped;

    BookLevels(final PriceLadder ladder, final int bandTicks, final int overflowLevels)
    {
        this.ladder = ladder;
        this.bandTicks = bandTicks;
        overflow[Side.BID] = new OverflowLevels(overflowLevels);
        overflow[Side.ASK] = new OverflowLevels(overflowLevels);
    }

    long recentres()
    {
        return recentres;
    }

    long recentresSkipped()
    {
        return recentresSkipped;
    }

    long footprintBytes()
    {
        return ladder.footprintBytes() + overflow[0].footprintBytes() + overflow[1].footprintBytes();
    }

    /**
     * @return true when the level at {@code ticks} can take {@code quantity} more in {@code orders} more orders.
     */
    boolean fits(final int side, final long ticks, final int index, final long quantity, final int orders)
    {
        final long levelQuantity;
        final int levelOrders;
        if (index != PriceLadder.NONE)
        {
            final long word = ladder.word(side, index);
            levelQuantity = LadderLevelDescriptor.quantity(word);
            levelOrders = LadderLevelDescriptor.orders(word);
        }
        else
        {
            final int p = overflow[side].find(ticks);
            levelQuantity = p >= 0 ? overflow[side].quantity(p) : 0;
            levelOrders = p >= 0 ? overflow[side].orders(p) : 0;
        }
        return quantity <= LadderLevelDescriptor.MAX_LEVEL_QUANTITY - levelQuantity &&
            levelOrders + orders <= LadderLevelDescriptor.MAX_LEVEL_ORDERS;
    }

    /**
     * @param ignoredLevelTicks price of a level about to lose its only order on this side, or -1.
     */
    boolean overflowHasRoom(final int side, final long ticks, final long ignoredLevelTicks)
    {
        final OverflowLevels levels = overflow[side];
        if (levels.size() < levels.capacity() || levels.find(ticks) >= 0)
        {
            return true;
        }
        if (ignoredLevelTicks >= 0 && ladder.indexOf(ignoredLevelTicks) == PriceLadder.NONE)
        {
            final int p = levels.find(ignoredLevelTicks);
            return p >= 0 && levels.orders(p) == 1;
        }
        return false;
    }

    // ------------------------------------------------------------------ level navigation

    /**
     * @return the next worse non-empty level than {@code ticks}, ladder or overflow, or {@link LadderOrderBook#NO_TICKS}.
     */
    long nextWorse(final int side, final long ticks)
    {
        final long base = ladder.baseTick();
        final int count = ladder.levelCount();
        long result = LadderOrderBook.NO_TICKS;
        final OverflowLevels levels = overflow[side];
        if (side == Side.BID)
        {
            final int below = ticks <= base ? 0 : ticks - base >= count ? count : (int)(ticks - base);
            final int i = ladder.highestBelow(Side.BID, below);
            if (i != PriceLadder.NONE)
            {
                result = base + i;
            }
            if (levels.size() > 0)
            {
                final int p = levels.highestBelow(ticks);
                if (p >= 0 && (result == LadderOrderBook.NO_TICKS || levels.ticks(p) > result))
                {
                    result = levels.ticks(p);
                }
            }
        }
        else
        {
            final int above = ticks < base ? -1 : ticks - base >= count ? count - 1 : (int)(ticks - base);
            final int i = ladder.lowestAbove(Side.ASK, above);
            if (i != PriceLadder.NONE)
            {
                result = base + i;
            }
            if (levels.size() > 0)
            {
                final int p = levels.lowestAbove(ticks);
                if (p >= 0 && (result == LadderOrderBook.NO_TICKS || levels.ticks(p) < result))
                {
                    result = levels.ticks(p);
                }
            }
        }
        return result;
    }

    long levelQuantity(final int side, final long ticks)
    {
        final int index = ladder.indexOf(ticks);
        if (index != PriceLadder.NONE)
        {
            return ladder.quantity(side, index);
        }
        final int p = overflow[side].find(ticks);
        return p >= 0 ? overflow[side].quantity(p) : 0;
    }

    int levelOrders(final int side, final long ticks)
    {
        final int index = ladder.indexOf(ticks);
        if (index != PriceLadder.NONE)
        {
            return ladder.orders(side, index);
        }
        final int p = overflow[side].find(ticks);
        return p >= 0 ? overflow[side].orders(p) : 0;
    }

    int levelHead(final int side, final long ticks)
    {
        final int index = ladder.indexOf(ticks);
        if (index != PriceLadder.NONE)
        {
            return ladder.head(side, index);
        }
        final int p = overflow[side].find(ticks);
        return p >= 0 ? overflow[side].head(p) : OrderPool.NULL_SLOT;
    }

    // ------------------------------------------------------------------ re-centring

    /**
     * Moves the window to the touch: the mid when both sides fit in it, else the given side's best.
     *
     * @param bid  best bid in ticks, or {@link LadderOrderBook#NO_TICKS}.
     * @param ask  best ask in ticks, or {@link LadderOrderBook#NO_TICKS}.
     * @param side the side whose new best left the window.
     */
    void recentre(final long bid, final long ask, final int side)
    {
        final long centre = bid != LadderOrderBook.NO_TICKS && ask != LadderOrderBook.NO_TICKS &&
            ask - bid <= 2L * bandTicks ? bid + (ask - bid) / 2 : side == Side.BID ? bid : ask;
        final long oldBase = ladder.baseTick();
        final long newBase = centre - bandTicks;
        if (centre == LadderOrderBook.NO_TICKS || newBase == oldBase)
        {
            return;
        }
        final int count = ladder.levelCount();
        for (int s = Side.BID; s <= Side.ASK; s++)
        {
            int leaving = 0;
            for (int i = ladder.lowestAbove(s, -1); i != PriceLadder.NONE; i = ladder.lowestAbove(s, i))
            {
                final long t = oldBase + i;
                if (t < newBase || t >= newBase + count)
                {
                    leaving++;
                }
            }
            if (overflow[s].size() + leaving > overflow[s].capacity())
            {
                recentresSkipped++;
                return;
            }
        }
        ladder.beginMove();
        final long shift = newBase - oldBase;
        for (int s = Side.BID; s <= Side.ASK; s++)
        {
            if (shift > 0) // indices fall: walk up so that no level lands on one not yet moved
            {
                for (int i = ladder.lowestAbove(s, -1); i != PriceLadder.NONE; i = ladder.lowestAbove(s, i))
                {
                    shiftLevel(s, i, oldBase, newBase, count);
                }
            }
            else
            {
                for (int i = ladder.highestBelow(s, count); i != PriceLadder.NONE; i = ladder.highestBelow(s, i))
                {
                    shiftLevel(s, i, oldBase, newBase, count);
                }
            }
            final OverflowLevels levels = overflow[s];
            for (int p = levels.size() - 1; p >= 0; p--)
            {
                final long t = levels.ticks(p);
                if (t >= newBase && t < newBase + count)
                {
                    final int index = (int)(t - newBase);
                    ladder.quantityAndOrders(s, index, levels.quantity(p), levels.orders(p));
                    ladder.head(s, index, levels.head(p));
                    ladder.tail(s, index, levels.tail(p));
                    ladder.markNonEmpty(s, index);
                    levels.remove(p);
                }
            }
        }
        ladder.endMove(newBase);
        recentres++;
    }

    private void shiftLevel(final int side, final int i, final long oldBase, final long newBase, final int count)
    {
        final long t = oldBase + i;
        if (t >= newBase && t < newBase + count)
        {
            ladder.moveLevel(side, i, (int)(t - newBase));
            return;
        }
        final OverflowLevels levels = overflow[side];
        final int p = levels.insert(~levels.find(t), t);
        levels.quantity(p, ladder.quantity(side, i));
        levels.orders(p, ladder.orders(side, i));
        levels.head(p, ladder.head(side, i));
        levels.tail(p, ladder.tail(side, i));
        ladder.clearLevel(side, i);
    }
}
