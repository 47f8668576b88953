package io.ticklane.book;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The obviously correct {@link LevelBook}: each side of each book is a list of exactly {@code depth} slots, and each
 * action is the list operation its definition in {@link LevelAction} names (insert and drop the last, remove and
 * append, set). Slow and allocating; the model that {@link DepthBook} is compared with after every step.
 * <p>
 * Single thread.
 */
public final class ReferenceDepthBook implements LevelBook
{
    private static final Slot UNKNOWN_SLOT = new Slot(UNKNOWN, OrderBook.NULL_PRICE, 0, 0);
    private static final Slot EMPTY_SLOT = new Slot(EMPTY, OrderBook.NULL_PRICE, 0, 0);

    private final int[] depths;
    private final List<List<List<Slot>>> books = new ArrayList<>();

    /** One level slot; immutable. */
    private static final class Slot
    {
        final int state;
        final long price;
        final long quantity;
        final int orders;

        Slot(final int state, final long price, final long quantity, final int orders)
        {
            this.state = state;
            this.price = price;
            this.quantity = quantity;
            this.orders = orders;
        }
    }

    /**
     * A book with every level unknown.
     *
     * @param depth        outright levels per side, 1..{@link #MAX_DEPTH}.
     * @param impliedDepth implied levels per side, 0..{@link #MAX_DEPTH}.
     */
    public ReferenceDepthBook(final int depth, final int impliedDepth)
    {
        depths = new int[]{depth, impliedDepth};
        for (int book = 0; book < 2; book++)
        {
            final List<List<Slot>> sides = new ArrayList<>();
            for (int side = 0; side < 2; side++)
            {
                sides.add(new ArrayList<>(Collections.nCopies(depths[book], UNKNOWN_SLOT)));
            }
            books.add(sides);
        }
    }

    public int apply(
        final int book, final int side, final int action, final int level, final long price, final long quantity,
        final int orderCount)
    {
        final int refused = LevelResult.check(depths, book, side, action, level, price, quantity, orderCount);
        if (refused != BookResult.OK)
        {
            return refused;
        }
        final int depth = depths[book];
        final List<Slot> slots = books.get(book).get(side);
        final Slot vacated = slots.get(depth - 1).state == EMPTY ? EMPTY_SLOT : UNKNOWN_SLOT;
        switch (action)
        {
            case LevelAction.NEW:
                slots.add(level - 1, new Slot(KNOWN, price, quantity, orderCount));
                slots.remove(depth);
                break;
            case LevelAction.CHANGE:
            {
                final Slot slot = slots.get(level - 1);
                if (slot.state == EMPTY)
                {
                    return LevelResult.EMPTY_LEVEL;
                }
                if (slot.state == KNOWN && slot.price != price)
                {
                    return LevelResult.PRICE_MISMATCH;
                }
                slots.set(level - 1, new Slot(KNOWN, price, quantity, orderCount));
                break;
            }
            case LevelAction.DELETE:
                if (slots.get(level - 1).state == EMPTY)
                {
                    return LevelResult.EMPTY_LEVEL;
                }
                slots.remove(level - 1);
                slots.add(vacated);
                break;
            case LevelAction.DELETE_THRU:
                Collections.fill(slots, EMPTY_SLOT);
                break;
            case LevelAction.DELETE_FROM:
                for (int i = 0; i < Math.min(level, depth); i++)
                {
                    slots.remove(0);
                    slots.add(vacated);
                }
                break;
            case LevelAction.FORGET:
                slots.set(level - 1, UNKNOWN_SLOT);
                break;
            default: // OVERLAY
                slots.set(level - 1, new Slot(KNOWN, price, quantity, orderCount));
                break;
        }
        return BookResult.OK;
    }

    public void clear()
    {
        fillAll(EMPTY_SLOT);
    }

    public void forget()
    {
        fillAll(UNKNOWN_SLOT);
    }

    private void fillAll(final Slot slot)
    {
        for (final List<List<Slot>> sides : books)
        {
            for (final List<Slot> slots : sides)
            {
                Collections.fill(slots, slot);
            }
        }
    }

    public int depth(final int book)
    {
        return depths[book];
    }

    public int levels(
        final int book, final int side, final int maxLevels, final long[] prices, final long[] quantities,
        final int[] orderCounts)
    {
        int n = 0;
        for (final Slot slot : books.get(book).get(side))
        {
            if (n >= maxLevels || slot.state != KNOWN)
            {
                break;
            }
            prices[n] = slot.price;
            quantities[n] = slot.quantity;
            orderCounts[n] = slot.orders;
            n++;
        }
        return n;
    }

    public boolean isKnown(final int book, final int side)
    {
        for (final Slot slot : books.get(book).get(side))
        {
            if (slot.state == UNKNOWN)
            {
                return false;
            }
        }
        return true;
    }

    public int levelState(final int book, final int side, final int level)
    {
        return books.get(book).get(side).get(level - 1).state;
    }

    public long levelPrice(final int book, final int side, final int level)
    {
        return books.get(book).get(side).get(level - 1).price;
    }

    public long levelQuantity(final int book, final int side, final int level)
    {
        return books.get(book).get(side).get(level - 1).quantity;
    }

    public int levelOrders(final int book, final int side, final int level)
    {
        return books.get(book).get(side).get(level - 1).orders;
    }

    public long stateHash()
    {
        long hash = BookStateHash.SEED;
        for (final List<List<Slot>> sides : books)
        {
            for (final List<Slot> slots : sides)
            {
                for (final Slot slot : slots)
                {
                    hash = BookStateHash.mix(hash, slot.state);
                    if (slot.state == KNOWN)
                    {
                        hash = BookStateHash.mix(hash, slot.price);
                        hash = BookStateHash.mix(hash, slot.quantity);
                        hash = BookStateHash.mix(hash, slot.orders);
                    }
                }
            }
        }
        return hash;
    }

    public String toString()
    {
        final StringBuilder sb = new StringBuilder();
        for (int book = 0; book < 2; book++)
        {
            for (int side = 0; side < 2; side++)
            {
                sb.append(LevelBook.bookName(book)).append(' ').append(Side.name(side)).append(':');
                for (final Slot slot : books.get(book).get(side))
                {
                    sb.append(' ').append(slot.state == KNOWN ? slot.quantity + "@" + slot.price + "(" + slot.orders +
                        ")" : slot.state == EMPTY ? "-" : "?");
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }
}
