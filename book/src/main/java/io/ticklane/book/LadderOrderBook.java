package io.ticklane.book;

/**
 * The fast order-by-order book of one instrument: a {@link PriceLadder} of cache-line-padded levels indexed by tick
 * (both sides), pooled orders in per-level intrusive FIFOs ({@link OrderPool}), an id-to-slot index, and a
 * seqlock-published snapshot of the best levels for readers on other threads ({@link #reader()}). No allocation
 * per event.
 * <p>
 * <b>Prices outside the ladder's window</b> (policy): the window is {@code 2 * bandTicks + 1} ticks, first centred
 * on the reference price. A level whose price falls outside it lives in a pre-allocated sorted overflow per side
 * ({@link BookOptions#overflowLevels()}), with the same FIFO and aggregates, so the book stays exact at any price;
 * such events are counted ({@link #outOfBandEvents()}). When an add or a price modify makes a new best level
 * outside the window (the market has moved), the window is re-centred on the touch (the mid when both sides fit,
 * else that side's best): levels leaving the window move to the overflow, overflow levels inside it move in, and
 * no order moves. Re-centres are counted ({@link #recentres()}); one that would overfill the overflow is skipped and
 * counted ({@link #recentresSkipped()}), which costs speed, never exactness. If a new out-of-band level finds the
 * overflow full, the event is refused with {@link BookResult#OVERFLOW_FULL}, counted, and the book marks itself
 * {@link BookState#STALE}, exactly as for an exhausted pool.
 * <p>
 * Single writer: every method but {@link #reader()} and the ladder's read methods runs on the book-writer thread.
 */
public final class LadderOrderBook implements OrderBook
{
    /** The snapshot writer's view of the levels (kept off this class's public API). */
    private final class Levels implements BookSnapshotWriter.LevelSource
    {
        public long nextWorse(final int side, final long ticks)
        {
            return levels.nextWorse(side, ticks);
        }

        public long best(final int side)
        {
            return bestTicks[side];
        }

        public long levelQuantity(final int side, final long ticks)
        {
            return levels.levelQuantity(side, ticks);
        }

        public int levelOrders(final int side, final long ticks)
        {
            return levels.levelOrders(side, ticks);
        }
    }

    /** "No level": a price in ticks that no level can have. */
    static final long NO_TICKS = Long.MIN_VALUE;

    private final int instrumentId;
    private final long tickSize;
    private final TickMath tickMath;
    private final OrderPool pool;
    private final int tag;
    private final int bandTicks;
    private final boolean recentreEnabled;
    private final PriceLadder ladder;
    private final OverflowLevels[] overflow;
    private final BookLevels levels;
    private final BookSnapshotWriter snapshot;
    private final BookSnapshotReader reader;
    private final long[] bestTicks = {NO_TICKS, NO_TICKS};
    private final long[] rejects = new long[BookResult.COUNT];
    private BookListener listener = BookListener.NONE;
    private boolean listening;
    private boolean holding;
    private int orders;
    private int state = BookState.LIVE;
    private long outOfBandEvents;

    // per-event scratch, reset by finish()
    private boolean outOfBand;
    private int recentreSide = -1;
    private int pendingLevels;
    private final int[] pendingSide = new int[2];
    private final long[] pendingTicks = new long[2];
    private final long[] pendingQuantity = new long[2];
    private final int[] pendingOrders = new int[2];
    private boolean pendingTrade;
    private long tradePrice;
    private long tradeQuantity;
    private int tradeAggressor;

    /**
     * A book with {@link BookOptions#DEFAULT}.
     *
     * @param instrumentId   instrument.
     * @param tickSize       price increment, &gt; 0.
     * @param referencePrice centre of the ladder's first window.
     * @param bandTicks      levels each side of the centre, &gt;= 0.
     * @param pool           order slots shared with other books of this agent.
     */
    public LadderOrderBook(
        final int instrumentId,
        final long tickSize,
        final long referencePrice,
        final int bandTicks,
        final OrderPool pool)
    {
        this(instrumentId, tickSize, referencePrice, bandTicks, pool, BookOptions.DEFAULT);
    }

    /**
     * Allocates the ladder, overflow and snapshot (instrument definition time, not steady state).
     *
     * @param instrumentId   instrument.
     * @param tickSize       price increment, &gt; 0.
     * @param referencePrice centre of the ladder's first window (rounded down to the tick).
     * @param bandTicks      levels each side of the centre, 0..2^30 - 1.
     * @param pool           order slots shared with other books of this agent.
     * @param options        snapshot depth, overflow size, stride, re-centring.
     */
    public LadderOrderBook(
        final int instrumentId,
        final long tickSize,
        final long referencePrice,
        final int bandTicks,
        final OrderPool pool,
        final BookOptions options)
    {
        if (bandTicks < 0 || bandTicks >= 1 << 30)
        {
            throw new IllegalArgumentException("band ticks " + bandTicks + "; allowed: 0..1073741823");
        }
        this.instrumentId = instrumentId;
        this.tickSize = tickSize;
        this.tickMath = new TickMath(tickSize);
        this.pool = pool;
        this.tag = pool.registerBook();
        this.bandTicks = bandTicks;
        this.recentreEnabled = options.recentre();
        this.ladder = new PriceLadder(Math.floorDiv(referencePrice, tickSize) - bandTicks, 2 * bandTicks + 1,
            options.stride());
        this.levels = new BookLevels(ladder, bandTicks, options.overflowLevels());
        this.overflow = levels.overflow;
        snapshot = new BookSnapshotWriter(options.snapshotDepth(), tickSize, new Levels());
        reader = new BookSnapshotReader(snapshot.buffer());
    }

    /**
     * Book-writer thread, between events.
     *
     * @param listener hears every change from now on; {@link BookListener#NONE} for none.
     * @return this.
     */
    public LadderOrderBook listener(final BookListener listener)
    {
        this.listener = listener;
        this.listening = listener != BookListener.NONE;
        return this;
    }

    /**
     * @return the lock-free reader of this book's published snapshot; any thread may use it.
     */
    public BookSnapshotReader reader()
    {
        return reader;
    }

    /**
     * @return the ladder, whose {@link PriceLadder#quantityAt} any thread may call.
     */
    public PriceLadder ladder()
    {
        return ladder;
    }

    public int instrumentId()
    {
        return instrumentId;
    }

    /**
     * @return price increment.
     */
    public long tickSize()
    {
        return tickSize;
    }

    // ------------------------------------------------------------------ mutators

    public int add(final long orderId, final int side, final long price, final long quantity)
    {
        if (!Side.isValid(side))
        {
            return reject(BookResult.INVALID_SIDE);
        }
        if (quantity <= 0)
        {
            return reject(BookResult.INVALID_QUANTITY);
        }
        final long ticks = tickMath.toTicks(price);
        if (ticks == TickMath.OFF_TICK)
        {
            return reject(BookResult.INVALID_PRICE);
        }
        final int position = pool.find(tag, orderId);
        if (position >= 0)
        {
            return reject(BookResult.DUPLICATE_ORDER);
        }
        final int index = ladder.indexOf(ticks);
        if (index == PriceLadder.NONE && !levels.overflowHasRoom(side, ticks, -1))
        {
            return refuse(BookResult.OVERFLOW_FULL);
        }
        if (!levels.fits(side, ticks, index, quantity, 1))
        {
            return refuse(BookResult.LEVEL_LIMIT);
        }
        final int slot = pool.allocate();
        if (slot == OrderPool.NULL_SLOT)
        {
            return refuse(BookResult.POOL_EXHAUSTED);
        }
        pool.set(slot, orderId, ticks, quantity);
        pool.insertAt(~position, tag, side, slot);
        if (index != PriceLadder.NONE)
        {
            appendToLadder(side, index, ticks, slot, quantity);
        }
        else
        {
            appendToOverflow(side, ticks, slot, quantity);
        }
        orders++;
        return finish();
    }

    public int modify(final long orderId, final long price, final long quantity)
    {
        final int position = pool.find(tag, orderId);
        if (position < 0)
        {
            return reject(BookResult.UNKNOWN_ORDER);
        }
        if (quantity <= 0)
        {
            return reject(BookResult.INVALID_QUANTITY);
        }
        final long ticks = tickMath.toTicks(price);
        if (ticks == TickMath.OFF_TICK)
        {
            return reject(BookResult.INVALID_PRICE);
        }
        final int slot = pool.slotAt(position);
        final int side = pool.sideAt(position);
        final long oldTicks = pool.priceTicks(slot);
        final long oldQuantity = pool.quantity(slot);
        if (ticks == oldTicks && quantity <= oldQuantity)
        {
            if (quantity < oldQuantity)
            {
                pool.quantity(slot, quantity);
                reduceLevel(side, ticks, oldQuantity - quantity);
            }
            return finish();
        }
        final int index = ladder.indexOf(ticks);
        if (index == PriceLadder.NONE && !levels.overflowHasRoom(side, ticks, oldTicks))
        {
            return refuse(BookResult.OVERFLOW_FULL);
        }
        if (ticks == oldTicks ? !levels.fits(side, ticks, index, quantity - oldQuantity, 0) :
            !levels.fits(side, ticks, index, quantity, 1))
        {
            return refuse(BookResult.LEVEL_LIMIT);
        }
        unlink(side, oldTicks, slot, oldQuantity);
        pool.priceTicks(slot, ticks);
        pool.quantity(slot, quantity);
        final int newIndex = ladder.indexOf(ticks); // the unlink cannot move the window, but stay exact if it ever did
        if (newIndex != PriceLadder.NONE)
        {
            appendToLadder(side, newIndex, ticks, slot, quantity);
        }
        else
        {
            appendToOverflow(side, ticks, slot, quantity);
        }
        return finish();
    }

    public int delete(final long orderId)
    {
        final int position = pool.find(tag, orderId);
        if (position < 0)
        {
            return reject(BookResult.UNKNOWN_ORDER);
        }
        final int slot = pool.slotAt(position);
        unlink(pool.sideAt(position), pool.priceTicks(slot), slot, pool.quantity(slot));
        pool.removeAt(position);
        pool.free(slot);
        orders--;
        return finish();
    }

    public int execute(final long orderId, final long quantity)
    {
        final int position = pool.find(tag, orderId);
        if (position < 0)
        {
            return reject(BookResult.UNKNOWN_ORDER);
        }
        if (quantity <= 0)
        {
            return reject(BookResult.INVALID_QUANTITY);
        }
        final int slot = pool.slotAt(position);
        final long remaining = pool.quantity(slot);
        if (quantity > remaining)
        {
            return reject(BookResult.EXECUTION_TOO_LARGE);
        }
        final int side = pool.sideAt(position);
        final long ticks = pool.priceTicks(slot);
        if (listening)
        {
            pendingTrade = true;
            tradePrice = ticks * tickSize;
            tradeQuantity = quantity;
            tradeAggressor = Side.opposite(side);
        }
        if (quantity == remaining)
        {
            unlink(side, ticks, slot, remaining);
            pool.removeAt(position);
            pool.free(slot);
            orders--;
        }
        else
        {
            pool.quantity(slot, remaining - quantity);
            reduceLevel(side, ticks, quantity);
        }
        return finish();
    }

    /**
     * Reports a trade that rests on no order of this book (a hidden execution) to the listener; the book does not
     * change.
     *
     * @param price         trade price.
     * @param quantity      traded quantity.
     * @param aggressorSide as reported.
     */
    public void trade(final long price, final long quantity, final int aggressorSide)
    {
        if (listening)
        {
            listener.onTrade(instrumentId, price, quantity, aggressorSide);
        }
    }

    public void clear()
    {
        for (int side = Side.BID; side <= Side.ASK; side++)
        {
            for (int i = ladder.lowestAbove(side, -1); i != PriceLadder.NONE; i = ladder.lowestAbove(side, i))
            {
                freeQueue(ladder.head(side, i));
                if (listening)
                {
                    listener.onLevel(instrumentId, side, (ladder.baseTick() + i) * tickSize, 0, 0);
                }
                ladder.clearLevel(side, i);
            }
            final OverflowLevels levels = overflow[side];
            for (int p = 0; p < levels.size(); p++)
            {
                freeQueue(levels.head(p));
                if (listening)
                {
                    listener.onLevel(instrumentId, side, levels.ticks(p) * tickSize, 0, 0);
                }
            }
            levels.clear();
            bestTicks[side] = NO_TICKS;
        }
        orders = 0;
        snapshot.clear();
        finish();
    }

    private void freeQueue(final int head)
    {
        int slot = head;
        while (slot != OrderPool.NULL_SLOT)
        {
            final int next = pool.next(slot);
            pool.removeAt(pool.find(tag, pool.orderId(slot)));
            pool.free(slot);
            slot = next;
        }
    }

    public int state()
    {
        return state;
    }

    public void markStale()
    {
        changeState(BookState.STALE);
    }

    public void markLive()
    {
        changeState(BookState.LIVE);
    }

    private void changeState(final int newState)
    {
        if (state != newState)
        {
            state = newState;
            snapshot.state(newState);
            if (!holding)
            {
                snapshot.end();
            }
            if (listening)
            {
                listener.onStateChanged(instrumentId, newState);
            }
        }
    }

    // ------------------------------------------------------------------ event plumbing

    private int reject(final int result)
    {
        rejects[result]++;
        return result;
    }

    private int refuse(final int result)
    {
        rejects[result]++;
        markStale();
        return result;
    }

    private int finish()
    {
        if (recentreSide >= 0)
        {
            levels.recentre(bestTicks[Side.BID], bestTicks[Side.ASK], recentreSide);
            recentreSide = -1;
        }
        if (outOfBand)
        {
            outOfBand = false;
            outOfBandEvents++;
        }
        final boolean topChanged = !holding && snapshot.end();
        if (listening)
        {
            notifyListener(topChanged);
        }
        return BookResult.OK;
    }

    /**
     * Holds publication to readers until {@link #publish()}: the changes of the events applied meanwhile (one venue
     * event) reach the snapshot's readers together, never halfway. Listeners still hear each level as it changes;
     * the top of book is reported once, at {@link #publish()}. Book-writer thread.
     */
    public void holdPublication()
    {
        holding = true;
    }

    /**
     * Ends a {@link #holdPublication()}: publishes the snapshot (closing its seqlock bracket) and reports the top of
     * book if it changed. A call without a hold publishes nothing new. Book-writer thread.
     */
    public void publish()
    {
        holding = false;
        final boolean topChanged = snapshot.end();
        if (topChanged && listening)
        {
            listener.onTopOfBook(instrumentId, snapshot.bestPrice(Side.BID), snapshot.bestQuantity(Side.BID),
                snapshot.bestPrice(Side.ASK), snapshot.bestQuantity(Side.ASK));
        }
    }

    private void notifyListener(final boolean topChanged)
    {
        final BookListener listener = this.listener;
        if (pendingTrade)
        {
            pendingTrade = false;
            listener.onTrade(instrumentId, tradePrice, tradeQuantity, tradeAggressor);
        }
        for (int i = 0; i < pendingLevels; i++)
        {
            listener.onLevel(
                instrumentId, pendingSide[i], pendingTicks[i] * tickSize, pendingQuantity[i], pendingOrders[i]);
        }
        pendingLevels = 0;
        if (topChanged)
        {
            listener.onTopOfBook(instrumentId, snapshot.bestPrice(Side.BID), snapshot.bestQuantity(Side.BID),
                snapshot.bestPrice(Side.ASK), snapshot.bestQuantity(Side.ASK));
        }
    }

    private void levelChanged(final int side, final long ticks, final long quantity, final int orders)
    {
        if (listening)
        {
            final int i = pendingLevels;
            if (i > 0 && pendingSide[i - 1] == side && pendingTicks[i - 1] == ticks)
            {
                pendingQuantity[i - 1] = quantity;
                pendingOrders[i - 1] = orders;
                return;
            }
            pendingSide[i] = side;
            pendingTicks[i] = ticks;
            pendingQuantity[i] = quantity;
            pendingOrders[i] = orders;
            pendingLevels = i + 1;
        }
    }

    private static boolean isBetter(final int side, final long ticks, final long than)
    {
        return than == NO_TICKS || (side == Side.BID ? ticks > than : ticks < than);
    }

    private void levelCreated(final int side, final long ticks, final long quantity, final boolean inLadder)
    {
        if (isBetter(side, ticks, bestTicks[side]))
        {
            bestTicks[side] = ticks;
            if (!inLadder && recentreEnabled)
            {
                recentreSide = side;
            }
        }
        snapshot.levelCreated(side, ticks, quantity, 1);
        levelChanged(side, ticks, quantity, 1);
    }

    private void levelRemoved(final int side, final long ticks)
    {
        if (bestTicks[side] == ticks)
        {
            bestTicks[side] = levels.nextWorse(side, ticks);
        }
        snapshot.levelRemoved(side, ticks);
        levelChanged(side, ticks, 0, 0);
    }

    private void levelUpdated(final int side, final long ticks, final long quantity, final int orders)
    {
        snapshot.levelUpdated(side, ticks, quantity, orders);
        levelChanged(side, ticks, quantity, orders);
    }

    // ------------------------------------------------------------------ FIFO and levels

    private void appendToLadder(final int side, final int index, final long ticks, final int slot, final long quantity)
    {
        final PriceLadder ladder = this.ladder;
        final int tail = ladder.tail(side, index);
        pool.setLinks(slot, tail, OrderPool.NULL_SLOT);
        if (tail == OrderPool.NULL_SLOT)
        {
            ladder.head(side, index, slot);
        }
        else
        {
            pool.setNext(tail, slot);
        }
        ladder.tail(side, index, slot);
        final long word = ladder.word(side, index);
        final long levelQuantity = LadderLevelDescriptor.quantity(word) + quantity;
        final int levelOrders = LadderLevelDescriptor.orders(word) + 1;
        ladder.quantityAndOrders(side, index, levelQuantity, levelOrders);
        if (levelOrders == 1)
        {
            ladder.markNonEmpty(side, index);
            levelCreated(side, ticks, levelQuantity, true);
        }
        else
        {
            levelUpdated(side, ticks, levelQuantity, levelOrders);
        }
    }

    private void appendToOverflow(final int side, final long ticks, final int slot, final long quantity)
    {
        outOfBand = true;
        final OverflowLevels levels = overflow[side];
        int p = levels.find(ticks);
        if (p < 0)
        {
            p = levels.insert(~p, ticks); // room was checked before anything changed
        }
        final int tail = levels.tail(p);
        pool.setLinks(slot, tail, OrderPool.NULL_SLOT);
        if (tail == OrderPool.NULL_SLOT)
        {
            levels.head(p, slot);
        }
        else
        {
            pool.setNext(tail, slot);
        }
        levels.tail(p, slot);
        final long levelQuantity = levels.quantity(p) + quantity;
        final int levelOrders = levels.orders(p) + 1;
        levels.quantity(p, levelQuantity);
        levels.orders(p, levelOrders);
        if (levelOrders == 1)
        {
            levelCreated(side, ticks, levelQuantity, false);
        }
        else
        {
            levelUpdated(side, ticks, levelQuantity, levelOrders);
        }
    }

    private void unlink(final int side, final long ticks, final int slot, final long quantity)
    {
        final int prev = pool.prev(slot);
        final int next = pool.next(slot);
        if (next != OrderPool.NULL_SLOT)
        {
            pool.setPrev(next, prev);
        }
        if (prev != OrderPool.NULL_SLOT)
        {
            pool.setNext(prev, next);
        }
        final int index = ladder.indexOf(ticks);
        if (index != PriceLadder.NONE)
        {
            final PriceLadder ladder = this.ladder;
            if (prev == OrderPool.NULL_SLOT)
            {
                ladder.head(side, index, next);
            }
            if (next == OrderPool.NULL_SLOT)
            {
                ladder.tail(side, index, prev);
            }
            final long word = ladder.word(side, index);
            final long levelQuantity = LadderLevelDescriptor.quantity(word) - quantity;
            final int levelOrders = LadderLevelDescriptor.orders(word) - 1;
            ladder.quantityAndOrders(side, index, levelQuantity, levelOrders);
            if (levelOrders == 0)
            {
                ladder.markEmpty(side, index);
                levelRemoved(side, ticks);
            }
            else
            {
                levelUpdated(side, ticks, levelQuantity, levelOrders);
            }
        }
        else
        {
            outOfBand = true;
            final OverflowLevels levels = overflow[side];
            final int p = levels.find(ticks);
            if (prev == OrderPool.NULL_SLOT)
            {
                levels.head(p, next);
            }
            if (next == OrderPool.NULL_SLOT)
            {
                levels.tail(p, prev);
            }
            final long levelQuantity = levels.quantity(p) - quantity;
            final int levelOrders = levels.orders(p) - 1;
            if (levelOrders == 0)
            {
                levels.remove(p);
                levelRemoved(side, ticks);
            }
            else
            {
                levels.quantity(p, levelQuantity);
                levels.orders(p, levelOrders);
                levelUpdated(side, ticks, levelQuantity, levelOrders);
            }
        }
    }

    private void reduceLevel(final int side, final long ticks, final long by)
    {
        final int index = ladder.indexOf(ticks);
        if (index != PriceLadder.NONE)
        {
            final long word = ladder.word(side, index);
            final long levelQuantity = LadderLevelDescriptor.quantity(word) - by;
            final int levelOrders = LadderLevelDescriptor.orders(word);
            ladder.quantityAndOrders(side, index, levelQuantity, levelOrders);
            levelUpdated(side, ticks, levelQuantity, levelOrders);
        }
        else
        {
            outOfBand = true;
            final OverflowLevels levels = overflow[side];
            final int p = levels.find(ticks);
            final long levelQuantity = levels.quantity(p) - by;
            levels.quantity(p, levelQuantity);
            levelUpdated(side, ticks, levelQuantity, levels.orders(p));
        }
    }

    // ------------------------------------------------------------------ queries (book-writer thread)

    public long bestPrice(final int side)
    {
        final long ticks = bestTicks[side];
        return ticks == NO_TICKS ? NULL_PRICE : ticks * tickSize;
    }

    public int levels(
        final int side, final int maxLevels, final long[] prices, final long[] quantities, final int[] orderCounts)
    {
        int n = 0;
        for (long t = bestTicks[side]; t != NO_TICKS && n < maxLevels; t = levels.nextWorse(side, t))
        {
            prices[n] = t * tickSize;
            quantities[n] = levels.levelQuantity(side, t);
            orderCounts[n] = levels.levelOrders(side, t);
            n++;
        }
        return n;
    }

    public int orderCount()
    {
        return orders;
    }

    /**
     * Copies the orders resting at one price in queue order, front first. Book-writer thread.
     *
     * @param side       side.
     * @param price      the level's price.
     * @param orderIds   receives order ids.
     * @param quantities receives remaining quantities.
     * @param maxOrders  most orders to copy.
     * @return orders copied.
     */
    public int ordersAt(
        final int side, final long price, final long[] orderIds, final long[] quantities, final int maxOrders)
    {
        if (!Side.isValid(side) || price % tickSize != 0 || levels.levelOrders(side, price / tickSize) == 0)
        {
            return 0;
        }
        int n = 0;
        for (int slot = levels.levelHead(side, price / tickSize); slot != OrderPool.NULL_SLOT && n < maxOrders;
            slot = pool.next(slot))
        {
            orderIds[n] = pool.orderId(slot);
            quantities[n] = pool.quantity(slot);
            n++;
        }
        return n;
    }

    /**
     * @param orderId a resting order.
     * @return orders ahead of it in its level's queue (0 = first), or -1 when unknown.
     */
    public int queuePosition(final long orderId)
    {
        final int position = pool.find(tag, orderId);
        if (position < 0)
        {
            return -1;
        }
        int ahead = 0;
        for (int slot = pool.prev(pool.slotAt(position)); slot != OrderPool.NULL_SLOT; slot = pool.prev(slot))
        {
            ahead++;
        }
        return ahead;
    }

    /**
     * @param orderId a resting order.
     * @return quantity ahead of it in its level's queue, or -1 when unknown.
     */
    public long quantityAhead(final long orderId)
    {
        final int position = pool.find(tag, orderId);
        if (position < 0)
        {
            return -1;
        }
        long ahead = 0;
        for (int slot = pool.prev(pool.slotAt(position)); slot != OrderPool.NULL_SLOT; slot = pool.prev(slot))
        {
            ahead += pool.quantity(slot);
        }
        return ahead;
    }

    /**
     * @param side side.
     * @return id of the first order in the best level's queue (the next to execute), or -1 when the side is empty.
     */
    public long frontOrderId(final int side)
    {
        final long t = bestTicks[side];
        return t == NO_TICKS ? -1 : pool.orderId(levels.levelHead(side, t));
    }

    /**
     * @param orderId an order id.
     * @return its remaining quantity, or -1 when not resting.
     */
    public long orderQuantity(final long orderId)
    {
        final int position = pool.find(tag, orderId);
        return position < 0 ? -1 : pool.quantity(pool.slotAt(position));
    }

    public long stateHash()
    {
        long hash = BookStateHash.SEED;
        for (int side = Side.BID; side <= Side.ASK; side++)
        {
            hash = BookStateHash.mix(hash, side);
            for (long t = bestTicks[side]; t != NO_TICKS; t = levels.nextWorse(side, t))
            {
                hash = BookStateHash.mix(hash, t * tickSize);
                hash = BookStateHash.mix(hash, levels.levelQuantity(side, t));
                hash = BookStateHash.mix(hash, levels.levelOrders(side, t));
                for (int slot = levels.levelHead(side, t); slot != OrderPool.NULL_SLOT; slot = pool.next(slot))
                {
                    hash = BookStateHash.mix(hash, pool.orderId(slot));
                    hash = BookStateHash.mix(hash, pool.quantity(slot));
                }
            }
        }
        return hash;
    }

    // ------------------------------------------------------------------ counters

    /**
     * @param result a {@link BookResult} other than OK.
     * @return events refused with it.
     */
    public long rejects(final int result)
    {
        return rejects[result];
    }

    /**
     * @return events that touched a level outside the ladder's window.
     */
    public long outOfBandEvents()
    {
        return outOfBandEvents;
    }

    /**
     * @return times the window moved.
     */
    public long recentres()
    {
        return levels.recentres();
    }

    /**
     * @return re-centres skipped because the overflow could not take the levels leaving the window.
     */
    public long recentresSkipped()
    {
        return levels.recentresSkipped();
    }

    /**
     * @param side side.
     * @return levels of the side now held outside the window.
     */
    public int overflowLevels(final int side)
    {
        return overflow[side].size();
    }

    /**
     * @return bytes of ladder, overflow and snapshot of this book (the shared pool not included).
     */
    public long footprintBytes()
    {
        return levels.footprintBytes() + BookSnapshotDescriptor.length(snapshot.depth());
    }
}
