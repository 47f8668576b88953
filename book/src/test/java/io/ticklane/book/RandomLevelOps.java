package io.ticklane.book;

import java.util.SplittableRandom;

/**
 * A random stream of market-by-price updates for {@link LevelBook}s: mostly what a venue sends (News that keep each
 * side ordered, Changes of known levels, Deletes, DeleteFroms, the occasional DeleteThru, Overlay, book reset and
 * forget), with a few refusals mixed in (bad level, side, book, action, quantity; Change with a wrong price). The
 * prices follow the known levels so that the book stays plausible, but neither book under test relies on that.
 */
final class RandomLevelOps
{
    static final int CLEAR = -1;
    static final int FORGET = -2;

    private final SplittableRandom random;
    private final int depth;
    private final int impliedDepth;
    private final int invalidPercent;
    int book;
    int side;
    int action;
    int level;
    long price;
    long quantity;
    int orders;

    RandomLevelOps(final long seed, final int depth, final int impliedDepth, final int invalidPercent)
    {
        this.random = new SplittableRandom(seed);
        this.depth = depth;
        this.impliedDepth = impliedDepth;
        this.invalidPercent = invalidPercent;
    }

    /**
     * Picks the next operation, looking at {@code view} (either book: they must agree) for plausible prices.
     */
    void next(final LevelBook view)
    {
        book = impliedDepth > 0 && random.nextInt(4) == 0 ? LevelAction.IMPLIED : LevelAction.OUTRIGHT;
        side = random.nextInt(2);
        final int bookDepth = book == LevelAction.OUTRIGHT ? depth : impliedDepth;
        final int roll = random.nextInt(100);
        action = roll < 35 ? LevelAction.NEW : roll < 65 ? LevelAction.CHANGE : roll < 85 ? LevelAction.DELETE :
            roll < 90 ? LevelAction.DELETE_FROM : roll < 93 ? LevelAction.OVERLAY : roll < 95 ? LevelAction.DELETE_THRU :
            roll < 97 ? CLEAR : roll < 98 ? FORGET : roll < 99 ? LevelAction.FORGET : LevelAction.NEW;
        level = 1 + random.nextInt(bookDepth);
        if (action == LevelAction.DELETE_FROM)
        {
            level = 1 + random.nextInt(bookDepth + 2); // past the depth too
        }
        quantity = 1 + random.nextInt(500);
        orders = book == LevelAction.IMPLIED ? 0 : 1 + random.nextInt(20);
        price = plausiblePrice(view, bookDepth);
        if (random.nextInt(100) < invalidPercent)
        {
            spoil(bookDepth);
        }
    }

    private long plausiblePrice(final LevelBook view, final int bookDepth)
    {
        final int at = Math.min(level, bookDepth);
        final long known = view.levelState(book, side, at) == LevelBook.KNOWN ?
            view.levelPrice(book, side, at) : OrderBook.NULL_PRICE;
        if (action == LevelAction.CHANGE && known != OrderBook.NULL_PRICE)
        {
            return known;
        }
        final long worseStep = side == Side.BID ? -1 : 1;
        long above = OrderBook.NULL_PRICE;
        for (int l = at - 1; l >= 1 && above == OrderBook.NULL_PRICE; l--)
        {
            if (view.levelState(book, side, l) == LevelBook.KNOWN)
            {
                above = view.levelPrice(book, side, l);
            }
        }
        final long base = above != OrderBook.NULL_PRICE ? above : 10_000 - worseStep * 50;
        return base + worseStep * (1 + random.nextInt(3));
    }

    private void spoil(final int bookDepth)
    {
        switch (random.nextInt(7))
        {
            case 0:
                level = random.nextBoolean() ? 0 : bookDepth + 1 + random.nextInt(3);
                break;
            case 1:
                side = random.nextBoolean() ? 2 : -1;
                break;
            case 2:
                book = random.nextBoolean() ? 2 : impliedDepth == 0 ? LevelAction.IMPLIED : -1;
                break;
            case 3:
                action = LevelAction.COUNT + random.nextInt(3);
                break;
            case 4:
                quantity = -1 - random.nextInt(5);
                break;
            case 5:
                orders = -1;
                break;
            default:
                price = action == LevelAction.CHANGE ? price + 1 : OrderBook.NULL_PRICE;
                break;
        }
    }

    int apply(final LevelBook target)
    {
        if (action == CLEAR)
        {
            target.clear();
            return BookResult.OK;
        }
        if (action == FORGET)
        {
            target.forget();
            return BookResult.OK;
        }
        return target.apply(book, side, action, level, price, quantity, orders);
    }

    public String toString()
    {
        return action == CLEAR ? "clear" : action == FORGET ? "forget" : LevelBook.bookName(book) + " " +
            Side.name(side) + " " + LevelAction.name(action) + " level " + level + " " + quantity + "@" + price +
            " (" + orders + ")";
    }
}
