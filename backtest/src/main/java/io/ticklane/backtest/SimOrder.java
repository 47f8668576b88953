package io.ticklane.backtest;

/**
 * One of our orders, with two states: the exchange's (what the simulated exchange did, and the queue position it
 * keeps) and the strategy's ({@link OrderView}: what the responses have told it so far). Pooled by
 * {@link OrderTable}; reused once both sides are done with it. Single thread (the backtest's).
 */
final class SimOrder implements OrderView
{
    long id;
    int instrumentId;
    int side;
    int timeInForce;
    boolean market;

    // strategy's view
    long price;
    long quantity;
    long leaves;
    long filled;
    int status;

    // exchange's view
    long exPrice;
    long exLeaves;
    long exFilled;
    int exStatus;
    boolean resting;
    long stamp;
    long queueAheadAtJoin;
    long joinedNs;
    /** Exact FIFO: market quantity still ahead of us at our price. */
    long aheadQuantity;
    /** Modelled queue: estimated quantity ahead, last level quantity seen, trades at our price since then. */
    double front;
    double levelQuantity;
    double cumulativeTrade;
    boolean crossed;
    /** True when the queue is exact FIFO (order-by-order book, FIFO model); false when modelled. */
    boolean exact;

    /** Requests and responses in flight that refer to this order. */
    int inFlight;
    SimOrder nextFree;

    void reset(final long id, final int instrumentId, final int side, final long price, final long quantity,
        final int timeInForce, final boolean market)
    {
        this.id = id;
        this.instrumentId = instrumentId;
        this.side = side;
        this.timeInForce = timeInForce;
        this.market = market;
        this.price = market ? MARKET : price;
        this.quantity = quantity;
        this.leaves = quantity;
        this.filled = 0;
        this.status = OrderStatus.PENDING;
        this.exPrice = this.price;
        this.exLeaves = quantity;
        this.exFilled = 0;
        this.exStatus = OrderStatus.PENDING;
        this.resting = false;
        this.stamp = 0;
        this.queueAheadAtJoin = -1;
        this.joinedNs = 0;
        this.aheadQuantity = 0;
        this.front = 0;
        this.levelQuantity = 0;
        this.cumulativeTrade = 0;
        this.crossed = false;
        this.exact = false;
        this.inFlight = 0;
        this.nextFree = null;
    }

    public long id()
    {
        return id;
    }

    public int instrumentId()
    {
        return instrumentId;
    }

    public int side()
    {
        return side;
    }

    public long price()
    {
        return price;
    }

    public long quantity()
    {
        return quantity;
    }

    public long leavesQuantity()
    {
        return leaves;
    }

    public long filledQuantity()
    {
        return filled;
    }

    public int timeInForce()
    {
        return timeInForce;
    }

    public int status()
    {
        return status;
    }
}
