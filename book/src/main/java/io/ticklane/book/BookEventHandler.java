package io.ticklane.book;

/**
 * The normalized book events: what every venue's protocol session produces and what the one
 * {@code BookEventApplier} turns into book calls, whether the events travel through a book agent's ring (live), go
 * straight to the applier (replay, backtest, the reference model) or leave the process (the published stream).
 * <p>
 * Every implementation handles every event type: adding a method here fails to compile wherever an event is not
 * handled, which is the point. Implementations: the applier, the ring writer and reader, the stream publisher,
 * the backtest's exchange simulator, test recorders.
 * <p>
 * Prices are fixed-point in the instrument's price units ({@link InstrumentDefinition#priceExponent()}); quantities
 * are whole units; sides are {@link Side#BID} / {@link Side#ASK}.
 * <p>
 * Delivery: methods that carry book content return {@link #DELIVERED}, or {@link #BACK_PRESSURED} when the event
 * could not be handed on within the sink's bound (a full ring). A back-pressured event is lost to the book, so the
 * caller (the session) must mark the instrument stale and recover it. {@link #onStale}, {@link #onLive} and
 * {@link #onEndOfEvent} are never lost: a sink that cannot hand them on at once keeps them, in order.
 * <p>
 * Threading: one thread calls a given handler instance (a session's thread, the book agent's thread, a replay
 * loop). Implementations on the hot path do not allocate.
 */
public interface BookEventHandler
{
    /** The event was handed on. */
    int DELIVERED = 0;
    /** The event could not be handed on within the sink's bound: the instrument's book no longer matches its feed. */
    int BACK_PRESSURED = 1;

    /**
     * Context for the events that follow until the next call: the venue packet they came in.
     *
     * @param sequence      the venue's packet sequence (0 when the venue has none).
     * @param sendTimeNs    the venue's sending time, ns (0 when unknown).
     * @param receiveTimeNs the gateway's receive time, ns.
     */
    void onPacket(long sequence, long sendTimeNs, long receiveTimeNs);

    /**
     * An instrument is defined or redefined. A definition equal to the current one changes nothing; a different one
     * replaces the instrument's book with an empty one.
     *
     * @param definition valid during the call only.
     * @return {@link #DELIVERED} or {@link #BACK_PRESSURED}.
     */
    int onDefinition(InstrumentDefinition definition);

    /**
     * A resting order joins the back of its price level.
     *
     * @param instrumentId instrument.
     * @param orderId      unique among the instrument's resting orders.
     * @param side         {@link Side#BID} or {@link Side#ASK}.
     * @param price        on tick.
     * @param quantity     &gt; 0.
     * @return delivery result.
     */
    int onAdd(int instrumentId, long orderId, int side, long price, long quantity);

    /**
     * A resting order changes price and/or quantity (priority rules in {@link OrderBook}).
     *
     * @param instrumentId instrument.
     * @param orderId      resting order.
     * @param price        new price.
     * @param quantity     new remaining quantity, &gt; 0.
     * @return delivery result.
     */
    int onModify(int instrumentId, long orderId, long price, long quantity);

    /**
     * A resting order leaves the book (cancel).
     *
     * @param instrumentId instrument.
     * @param orderId      resting order.
     * @return delivery result.
     */
    int onDelete(int instrumentId, long orderId);

    /**
     * A resting order is executed at its price, partially or fully.
     *
     * @param instrumentId instrument.
     * @param orderId      resting order.
     * @param quantity     executed, 1..remaining.
     * @return delivery result.
     */
    int onExecute(int instrumentId, long orderId, long quantity);

    /**
     * A trade reported without a resting order of this book behind it (hidden, cross, or a price-level venue's
     * trade summary). Changes no book; listeners and strategies hear it.
     *
     * @param instrumentId  instrument.
     * @param price         trade price.
     * @param quantity      traded quantity.
     * @param aggressorSide side that crossed the spread, or anything else when unknown.
     * @return delivery result.
     */
    int onTrade(int instrumentId, long price, long quantity, int aggressorSide);

    /**
     * Every resting order and level of the instrument is removed (a venue book reset, a new session).
     *
     * @param instrumentId instrument.
     * @return delivery result.
     */
    int onClear(int instrumentId);

    /**
     * A snapshot of the instrument starts: the book is emptied, then rebuilt by the snapshot's orders
     * ({@link #onSnapshotOrder}) or levels ({@link #onLevel} with {@link LevelAction#NEW}).
     *
     * @param instrumentId instrument.
     * @param lastSequence the last incremental sequence the snapshot reflects.
     * @param count        orders or levels that follow.
     * @return delivery result.
     */
    int onSnapshotBegin(int instrumentId, long lastSequence, long count);

    /**
     * One resting order of a snapshot, in queue order within its level.
     *
     * @param instrumentId instrument.
     * @param orderId      order id.
     * @param side         side.
     * @param price        price.
     * @param quantity     quantity.
     * @return delivery result.
     */
    int onSnapshotOrder(int instrumentId, long orderId, int side, long price, long quantity);

    /**
     * The snapshot is complete as of {@code lastSequence}; the instrument turns live only with {@link #onLive}.
     *
     * @param instrumentId instrument.
     * @param lastSequence as in {@link #onSnapshotBegin}.
     * @return delivery result.
     */
    int onSnapshotEnd(int instrumentId, long lastSequence);

    /**
     * A market-by-price update of a depth-limited book, with the venue's level semantics (see {@link LevelAction}).
     *
     * @param instrumentId instrument.
     * @param book         {@link LevelAction#OUTRIGHT} or {@link LevelAction#IMPLIED}.
     * @param side         {@link Side#BID} or {@link Side#ASK}.
     * @param action       a {@link LevelAction} code.
     * @param level        1-based level index (price level 1 is the best).
     * @param price        level price (ignored by the deletes).
     * @param quantity     aggregate quantity at the level.
     * @param orderCount   orders at the level, or 0 when the venue does not say.
     * @return delivery result.
     */
    int onLevel(int instrumentId, int book, int side, int action, int level, long price, long quantity, int orderCount);

    /**
     * The venue's trading state of the instrument changed (see {@link TradingStatus}).
     *
     * @param instrumentId instrument.
     * @param status       a {@link TradingStatus} code.
     * @return delivery result.
     */
    int onTradingStatus(int instrumentId, int status);

    /**
     * The instrument's book no longer reflects its feed (a gap, a lost event, a session reset without a full
     * restart): readers must not trust it until {@link #onLive}. Never lost.
     *
     * @param instrumentId instrument.
     */
    void onStale(int instrumentId);

    /**
     * The instrument's book was rebuilt and caught up with the feed. Never lost.
     *
     * @param instrumentId instrument.
     */
    void onLive(int instrumentId);

    /**
     * A venue event is complete: every book changed since the previous call is published to readers now, never
     * halfway through an event. Sessions of venues without event boundaries call it after each packet. Never lost.
     */
    void onEndOfEvent();
}
