package io.ticklane.backtest;

/**
 * What the simulated exchange did to our orders, at exchange time. The backtest turns each into a response that
 * reaches the strategy after the response latency, a row of {@code orders.csv} and, for fills, accounting.
 * Single thread.
 */
interface ExchangeListener
{
    void onAccepted(SimOrder order, long timeNs);

    void onRejected(SimOrder order, int reason, long timeNs);

    void onFill(SimOrder order, long timeNs, long price, long quantity, boolean maker, long queueAhead);

    void onCancelled(SimOrder order, int reason, long timeNs);

    void onModified(SimOrder order, long timeNs);

    /** A cancel or modify was refused; the order is unchanged. */
    void onRequestRejected(SimOrder order, int reason, long timeNs);
}
