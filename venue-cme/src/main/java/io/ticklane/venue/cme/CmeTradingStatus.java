package io.ticklane.venue.cme;

import io.ticklane.book.TradingStatus;

/**
 * CME's SecurityTradingStatus (tag 326 / 1682) mapped onto {@link TradingStatus}.
 * <pre>
 *   2 TradingHalt            -> HALTED      17 ReadyToTrade  -> OPEN
 *   4 Close                  -> CLOSED      18 NotAvailable  -> CLOSED
 *  15 NewPriceIndication     -> PRE_OPEN    20 Unknown       -> UNKNOWN
 *  21 PreOpen, 24 PreCross,  -> PRE_OPEN    26 PostClose     -> CLOSED
 *  25 Cross                                103 NoChange, null, other -> no change
 * </pre>
 */
public final class CmeTradingStatus
{
    /** What {@link #map} returns when the status changes nothing. */
    public static final int NO_CHANGE = -1;

    private CmeTradingStatus()
    {
    }

    /**
     * @param cmeStatus CME's raw value.
     * @return a {@link TradingStatus}, or {@link #NO_CHANGE}.
     */
    public static int map(final int cmeStatus)
    {
        switch (cmeStatus)
        {
            case 2:
                return TradingStatus.HALTED;
            case 4:
            case 18:
            case 26:
                return TradingStatus.CLOSED;
            case 15:
            case 21:
            case 24:
            case 25:
                return TradingStatus.PRE_OPEN;
            case 17:
                return TradingStatus.OPEN;
            case 20:
                return TradingStatus.UNKNOWN;
            default:
                return NO_CHANGE;
        }
    }
}
