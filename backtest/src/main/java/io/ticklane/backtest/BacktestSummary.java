package io.ticklane.backtest;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a run produced, as written to {@code summary.json} (every field but the timing ones is deterministic; the
 * timing ones go to {@code timing.json}). Immutable.
 *
 * @param source            the market source.
 * @param events            book events replayed.
 * @param firstEventNs      exchange time of the first event.
 * @param lastEventNs       exchange time of the last event.
 * @param orders            orders submitted.
 * @param ordersFilled      orders filled in full.
 * @param fills             fills.
 * @param submittedQuantity quantity submitted.
 * @param filledQuantity    quantity filled.
 * @param makerQuantity     quantity filled as maker.
 * @param takerQuantity     quantity filled as taker.
 * @param realizedPnl       realized PnL, currency.
 * @param unrealizedPnl     unrealized PnL at the last mid, currency.
 * @param fees              fees, currency (negative: net rebates).
 * @param netPnl            realized + unrealized - fees.
 * @param maxDrawdown       largest fall of net PnL from a previous high, currency.
 * @param finalPositions    position per instrument symbol at the end.
 * @param maxAbsPosition    largest absolute position of any instrument.
 * @param openOrders        orders still resting at the exchange at the end.
 * @param refusedEvents     book events the exchange-side books refused (unknown order, pool exhausted, ...): a
 *                          source or sizing problem; 0 on good data.
 * @param wallNs            wall-clock duration of the run (timing).
 */
public record BacktestSummary(
    String source, long events, long firstEventNs, long lastEventNs, long orders, long ordersFilled, long fills,
    long submittedQuantity, long filledQuantity, long makerQuantity, long takerQuantity, double realizedPnl,
    double unrealizedPnl, double fees, double netPnl, double maxDrawdown, Map<String, Long> finalPositions,
    long maxAbsPosition, long openOrders, long refusedEvents, long wallNs)
{
    /**
     * @return filled quantity over submitted quantity (0 when nothing was submitted).
     */
    public double fillRatio()
    {
        return submittedQuantity == 0 ? 0 : (double)filledQuantity / submittedQuantity;
    }

    /**
     * @return book events replayed per wall-clock second.
     */
    public double eventsPerSecond()
    {
        return wallNs <= 0 ? 0 : events * 1e9 / wallNs;
    }

    /**
     * @return the deterministic fields, in a stable order.
     */
    public Map<String, Object> fields()
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", source);
        m.put("events", events);
        m.put("first_event_ns", firstEventNs);
        m.put("last_event_ns", lastEventNs);
        m.put("orders", orders);
        m.put("orders_filled", ordersFilled);
        m.put("fills", fills);
        m.put("submitted_quantity", submittedQuantity);
        m.put("filled_quantity", filledQuantity);
        m.put("fill_ratio", round(fillRatio()));
        m.put("maker_quantity", makerQuantity);
        m.put("taker_quantity", takerQuantity);
        m.put("realized_pnl", round(realizedPnl));
        m.put("unrealized_pnl", round(unrealizedPnl));
        m.put("fees", round(fees));
        m.put("net_pnl", round(netPnl));
        m.put("max_drawdown", round(maxDrawdown));
        m.put("final_positions", finalPositions);
        m.put("max_abs_position", maxAbsPosition);
        m.put("open_orders", openOrders);
        m.put("refused_events", refusedEvents);
        return m;
    }

    static String round(final double v)
    {
        return String.format(Locale.ROOT, "%.6f", v + 0.0); // + 0.0: never "-0.000000"
    }

    /**
     * @return a few lines for the console.
     */
    public String describe()
    {
        return String.format(Locale.ROOT,
            "events %,d  orders %,d  fills %,d  filled %,d of %,d (%.1f%%)  maker %,d taker %,d%n" +
            "net PnL %.2f  (realized %.2f, unrealized %.2f, fees %.2f)  max drawdown %.2f  max |position| %d%n" +
            "positions %s  open orders %d  %.0f events/s (%.3fs wall)",
            events, orders, fills, filledQuantity, submittedQuantity, 100 * fillRatio(), makerQuantity, takerQuantity,
            netPnl, realizedPnl, unrealizedPnl, fees, maxDrawdown, maxAbsPosition, finalPositions, openOrders,
            eventsPerSecond(), wallNs / 1e9);
    }
}
