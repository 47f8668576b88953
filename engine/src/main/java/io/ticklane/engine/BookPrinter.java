package io.ticklane.engine;

import io.ticklane.book.BookState;
import io.ticklane.book.DepthBook;
import io.ticklane.book.InstrumentBook;
import io.ticklane.book.LevelAction;
import io.ticklane.book.LevelBook;
import io.ticklane.book.BookView;
import io.ticklane.book.OrderBook;
import io.ticklane.book.Side;
import io.ticklane.book.TradingStatus;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;

/**
 * How every command shows books (run and demo summaries, replay, the feed's reference model, subscribe, backtest):
 * symbol and id, order count, state hash, decimal prices, STALE and CROSSED called out, the top of book on one line
 * at depth 1 and a level table beyond. One owner, so two commands' books can be compared line by line.
 */
final class BookPrinter
{
    private BookPrinter()
    {
    }

    /**
     * @param sb    where.
     * @param books the books, in the order to print.
     * @param depth levels per side (1: top of book on one line).
     * @return how many books ended crossed (best bid at or above best ask).
     */
    static int print(final StringBuilder sb, final List<? extends BookView> books, final int depth)
    {
        int crossed = 0;
        for (final BookView book : books)
        {
            crossed += print(sb, book, depth) ? 1 : 0;
        }
        if (crossed > 0)
        {
            sb.append(String.format(Locale.ROOT, "  WARNING %d book(s) ended crossed (best bid >= best ask): the " +
                "data does not determine them fully (see docs/GATEWAY.md), or the feed lost events%n", crossed));
        }
        return crossed;
    }

    /**
     * @return true when the book is crossed.
     */
    private static boolean print(final StringBuilder sb, final BookView book, final int depth)
    {
        final long bid = book.bestPrice(Side.BID);
        final long ask = book.bestPrice(Side.ASK);
        final boolean crossed = bid != OrderBook.NULL_PRICE && ask != OrderBook.NULL_PRICE && bid >= ask;
        sb.append(String.format(Locale.ROOT, "  %-8s id %-6d %s %-7d hash %016x%s%s%s",
            book.symbol().isEmpty() ? "-" : book.symbol(), book.instrumentId(),
            book.hasOrders() ? "orders" : "levels", book.orderCount(), book.stateHash(),
            book.state() == BookState.STALE ? "  STALE" : "",
            book.tradingStatus() == TradingStatus.UNKNOWN ? "" : "  " + TradingStatus.name(book.tradingStatus()),
            crossed ? "  CROSSED" : ""));
        if (book instanceof InstrumentBook && null != ((InstrumentBook)book).levelBook())
        {
            sb.append('\n');
            final DepthBook levels = ((InstrumentBook)book).levelBook();
            depthTable(sb, book, levels, LevelAction.OUTRIGHT, depth);
            if (levels.depth(LevelAction.IMPLIED) > 0)
            {
                depthTable(sb, book, levels, LevelAction.IMPLIED, depth);
            }
            return crossed;
        }
        final long[] prices = new long[depth];
        final long[] quantities = new long[depth];
        final int[] counts = new int[depth];
        if (depth == 1)
        {
            sb.append("  ").append(level(book, Side.BID, prices, quantities, counts)).append("  |  ")
                .append(level(book, Side.ASK, prices, quantities, counts)).append('\n');
            return crossed;
        }
        sb.append('\n');
        final long[] askPrices = new long[depth];
        final long[] askQuantities = new long[depth];
        final int[] askCounts = new int[depth];
        final int bids = book.levels(Side.BID, depth, prices, quantities, counts);
        final int asks = book.levels(Side.ASK, depth, askPrices, askQuantities, askCounts);
        sb.append(String.format(Locale.ROOT, "    %5s %14s %12s %6s | %14s %12s %6s%n",
            "level", "bid", "qty", "orders", "ask", "qty", "orders"));
        for (int i = 0; i < Math.max(bids, asks); i++)
        {
            sb.append(String.format(Locale.ROOT, "    %5d %14s %12s %6s | %14s %12s %6s%n", i + 1,
                i < bids ? price(prices[i], book.priceExponent()) : "-", i < bids ? quantities[i] : "-",
                i < bids ? counts[i] : "-",
                i < asks ? price(askPrices[i], book.priceExponent()) : "-", i < asks ? askQuantities[i] : "-",
                i < asks ? askCounts[i] : "-"));
        }
        return crossed;
    }

    /**
     * A market-by-price book in level order; a side whose levels the feed has not all determined is marked, and
     * shows only its known levels from the best down.
     */
    private static void depthTable(
        final StringBuilder sb, final BookView view, final DepthBook levels, final int book, final int depth)
    {
        final int rows = Math.min(depth, levels.depth(book));
        final long[] bidPrices = new long[rows];
        final long[] bidQuantities = new long[rows];
        final int[] bidCounts = new int[rows];
        final long[] askPrices = new long[rows];
        final long[] askQuantities = new long[rows];
        final int[] askCounts = new int[rows];
        final int bids = levels.levels(book, Side.BID, rows, bidPrices, bidQuantities, bidCounts);
        final int asks = levels.levels(book, Side.ASK, rows, askPrices, askQuantities, askCounts);
        sb.append(String.format(Locale.ROOT, "    %s (%d levels)%s%s%n", LevelBook.bookName(book), levels.depth(book),
            levels.isKnown(book, Side.BID) ? "" : "  bid side not fully known",
            levels.isKnown(book, Side.ASK) ? "" : "  ask side not fully known"));
        sb.append(String.format(Locale.ROOT, "    %5s %14s %12s %6s | %14s %12s %6s%n",
            "level", "bid", "qty", "orders", "ask", "qty", "orders"));
        for (int i = 0; i < Math.max(bids, asks); i++)
        {
            sb.append(String.format(Locale.ROOT, "    %5d %14s %12s %6s | %14s %12s %6s%n", i + 1,
                i < bids ? price(bidPrices[i], view.priceExponent()) : "-", i < bids ? bidQuantities[i] : "-",
                i < bids ? bidCounts[i] : "-",
                i < asks ? price(askPrices[i], view.priceExponent()) : "-", i < asks ? askQuantities[i] : "-",
                i < asks ? askCounts[i] : "-"));
        }
    }

    private static String level(
        final BookView book, final int side, final long[] prices, final long[] quantities, final int[] counts)
    {
        if (book.levels(side, 1, prices, quantities, counts) == 0)
        {
            return Side.name(side) + " (empty)";
        }
        return String.format(Locale.ROOT, "%s %s x %d (%d orders)", Side.name(side),
            price(prices[0], book.priceExponent()), quantities[0], counts[0]);
    }

    /**
     * @param price    fixed-point price.
     * @param exponent decimal exponent.
     * @return decimal text, e.g. 1850100 with exponent -4 gives "185.0100".
     */
    static String price(final long price, final int exponent)
    {
        return new BigDecimal(BigInteger.valueOf(price), -exponent).toPlainString();
    }
}
