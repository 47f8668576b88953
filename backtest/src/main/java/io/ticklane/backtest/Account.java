package io.ticklane.backtest;

import io.ticklane.book.Side;

/**
 * Position and PnL of one instrument, average-cost accounting, in currency: a price converts as
 * {@code price * 10^exponent * multiplier}. Realized PnL accrues when a fill reduces the position; unrealized is
 * {@code position * (mark - average)}. Fees are kept apart (negative: rebates). Single thread.
 */
final class Account
{
    final int instrumentId;
    final double unit;
    long position;
    double average;
    double realized;
    double fees;
    long boughtQuantity;
    long soldQuantity;
    long fills;
    long makerQuantity;
    long takerQuantity;
    long maxAbsPosition;
    double lastFillPrice = Double.NaN;

    /**
     * @param instrumentId  instrument.
     * @param priceExponent decimal exponent of its prices.
     * @param multiplier    currency per price point per unit (contract multiplier), 1 for cash instruments.
     */
    Account(final int instrumentId, final int priceExponent, final double multiplier)
    {
        this.instrumentId = instrumentId;
        this.unit = Math.pow(10, priceExponent) * multiplier;
    }

    /**
     * @param side     {@link Side#BID} for a buy.
     * @param price    fixed-point fill price.
     * @param quantity filled quantity.
     * @param fee      fee charged (negative: rebate).
     * @param maker    maker fill.
     */
    void fill(final int side, final long price, final long quantity, final double fee, final boolean maker)
    {
        final double p = price * unit;
        final long signed = side == Side.BID ? quantity : -quantity;
        if (position == 0 || Long.signum(position) == Long.signum(signed))
        {
            average = (average * Math.abs(position) + p * quantity) / (Math.abs(position) + quantity);
            position += signed;
        }
        else
        {
            final long closing = Math.min(quantity, Math.abs(position));
            realized += (position > 0 ? p - average : average - p) * closing;
            position += position > 0 ? -closing : closing;
            final long opening = quantity - closing;
            if (position == 0)
            {
                average = 0;
            }
            if (opening > 0)
            {
                average = p;
                position = side == Side.BID ? opening : -opening;
            }
        }
        fees += fee;
        fills++;
        if (side == Side.BID)
        {
            boughtQuantity += quantity;
        }
        else
        {
            soldQuantity += quantity;
        }
        if (maker)
        {
            makerQuantity += quantity;
        }
        else
        {
            takerQuantity += quantity;
        }
        maxAbsPosition = Math.max(maxAbsPosition, Math.abs(position));
        lastFillPrice = p;
    }

    /**
     * @param mark mark price in currency per unit (NaN: use the last fill price).
     * @return unrealized PnL at the mark.
     */
    double unrealized(final double mark)
    {
        final double m = Double.isNaN(mark) ? lastFillPrice : mark;
        return position == 0 || Double.isNaN(m) ? 0 : (m - average) * position;
    }

    /**
     * @param fixedPoint a fixed-point price.
     * @return it in currency per unit.
     */
    double toCurrency(final long fixedPoint)
    {
        return fixedPoint * unit;
    }
}
