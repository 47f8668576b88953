package io.ticklane.venue.cme;

import io.ticklane.book.LevelAction;
import io.ticklane.book.LevelBook;
import io.ticklane.book.Side;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static io.ticklane.venue.cme.MdpPacketBuilder.level;

/**
 * A CME-like venue for tests: each instrument has a full, unbounded book per side (outright and implied), and every
 * change to it is published as CME publishes a depth-limited market-by-price view: an added level inside the view
 * is a New at its rank (the one pushed past the depth falls off unsaid), a changed one a Change, a removed one a
 * Delete followed by a New at the bottom for the level that moves into view; a side emptied at once is a DeleteThru,
 * the top n removed at once a DeleteFrom n plus News for what moves into view, a level re-priced in place an
 * Overlay. Each entry carries the instrument's next RptSeq; trades and volume entries take RptSeqs too. Events
 * span one or two packets, the last message of an event has the end-of-event bit.
 * <p>
 * The truth after every packet is recorded, so a test can check that every level a session's book shows as known
 * is exactly the venue's, and can build snapshots as of any earlier packet.
 */
final class VenueSimulator
{
    static final long TICK = 250_000_000L;
    static final int FIRST_SECURITY_ID = 100;

    final int instruments;
    final int depth;
    final int impliedDepth;
    private final SplittableRandom random;
    private final List<TreeMap<Long, long[]>> sides = new ArrayList<>();
    private final long[] rptSeq;
    private final MdpPacketBuilder builder = new MdpPacketBuilder();
    private final List<byte[]> packets = new ArrayList<>();
    /** truth.get(packetIndex)[instrument] = top-of-book view after that packet: see {@link #view}. */
    private final List<long[][]> truth = new ArrayList<>();
    private final List<long[]> rptSeqAfter = new ArrayList<>();
    private final List<Long> touchedBy = new ArrayList<>();
    private long touching;
    private long nextSequence;
    private final List<MdpPacketBuilder.Level> pending = new ArrayList<>();

    VenueSimulator(final long seed, final int instruments, final int depth, final int impliedDepth,
        final long firstSequence, final long firstRptSeq)
    {
        this.random = new SplittableRandom(seed);
        this.instruments = instruments;
        this.depth = depth;
        this.impliedDepth = impliedDepth;
        this.rptSeq = new long[instruments];
        java.util.Arrays.fill(rptSeq, firstRptSeq - 1);
        this.nextSequence = firstSequence;
        for (int i = 0; i < instruments * 4; i++)
        {
            final boolean bid = i % 2 == 0;
            final java.util.Comparator<Long> order = bid ? java.util.Comparator.reverseOrder() :
                java.util.Comparator.naturalOrder();
            sides.add(new TreeMap<>(order));
        }
    }

    static int securityId(final int instrument)
    {
        return FIRST_SECURITY_ID + instrument;
    }

    private TreeMap<Long, long[]> side(final int instrument, final int book, final int side)
    {
        return sides.get(instrument * 4 + book * 2 + side);
    }

    private int bookDepth(final int book)
    {
        return book == LevelAction.OUTRIGHT ? depth : impliedDepth;
    }

    private char type(final int book, final int side)
    {
        return book == LevelAction.OUTRIGHT ? (side == Side.BID ? '0' : '1') : (side == Side.BID ? 'E' : 'F');
    }

    private void emit(final int instrument, final int book, final int side, final int action, final int rank,
        final long price, final long[] level)
    {
        touching |= 1L << instrument;
        pending.add(level(securityId(instrument), ++rptSeq[instrument], type(book, side), action, rank, price,
            level == null ? 0 : (int)level[0], level == null || book == LevelAction.IMPLIED ? 0 : (int)level[1]));
    }

    private static int rank(final TreeMap<Long, long[]> levels, final long price)
    {
        return levels.headMap(price, false).size() + 1;
    }

    private long[] at(final TreeMap<Long, long[]> levels, final int rank)
    {
        int r = 1;
        for (final java.util.Map.Entry<Long, long[]> e : levels.entrySet())
        {
            if (r++ == rank)
            {
                return new long[]{e.getKey(), e.getValue()[0], e.getValue()[1]};
            }
        }
        return null;
    }

    private void bringIntoView(final int instrument, final int book, final int side, final int fromRank)
    {
        final TreeMap<Long, long[]> levels = side(instrument, book, side);
        for (int r = fromRank; r <= bookDepth(book); r++)
        {
            final long[] moved = at(levels, r);
            if (moved != null)
            {
                emit(instrument, book, side, LevelAction.NEW, r, moved[0], new long[]{moved[1], moved[2]});
            }
        }
    }

    /** One random change to one instrument's full book, published. */
    private void change(final int instrument)
    {
        if (random.nextInt(400) == 0)
        {
            for (int i = 0; i < 4; i++)
            {
                sides.get(instrument * 4 + i).clear();
            }
            touching |= 1L << instrument;
            pending.add(level(securityId(instrument), ++rptSeq[instrument], 'J', 0, 0, 0, 0, 0)); // book reset
            return;
        }
        final int book = impliedDepth > 0 && random.nextInt(5) == 0 ? LevelAction.IMPLIED : LevelAction.OUTRIGHT;
        final int side = random.nextInt(2);
        final TreeMap<Long, long[]> levels = side(instrument, book, side);
        final int n = bookDepth(book);
        final int roll = random.nextInt(100);
        if (levels.isEmpty() || roll < 40)
        {
            final long mid = 10_000 + instrument * 100;
            final long ticks = side == Side.BID ? mid - 1 - random.nextInt(3 * n) : mid + 1 + random.nextInt(3 * n);
            final long price = ticks * TICK;
            final long[] existing = levels.get(price);
            final long[] level = {1 + random.nextInt(100), 1 + random.nextInt(9)};
            levels.put(price, level);
            final int r = rank(levels, price);
            if (r <= n)
            {
                emit(instrument, book, side, existing == null ? LevelAction.NEW : LevelAction.CHANGE, r, price, level);
            }
            return;
        }
        final long[] chosen = at(levels, 1 + random.nextInt(Math.min(levels.size(), n + 2)));
        final long price = chosen[0];
        final int r = rank(levels, price);
        if (roll < 70)
        {
            final long[] level = levels.get(price);
            level[0] = 1 + random.nextInt(100);
            level[1] = 1 + random.nextInt(9);
            if (r <= n)
            {
                emit(instrument, book, side, LevelAction.CHANGE, r, price, level);
            }
        }
        else if (roll < 92)
        {
            levels.remove(price);
            if (r <= n)
            {
                emit(instrument, book, side, LevelAction.DELETE, r, price, null);
                bringIntoView(instrument, book, side, n);
            }
        }
        else if (roll < 96)
        {
            final int k = 1 + random.nextInt(Math.min(levels.size(), n));
            for (int i = 0; i < k; i++)
            {
                levels.remove(levels.firstKey());
            }
            emit(instrument, book, side, LevelAction.DELETE_FROM, k, 0, null);
            bringIntoView(instrument, book, side, Math.max(1, n - k + 1));
        }
        else if (roll < 98)
        {
            levels.clear();
            emit(instrument, book, side, LevelAction.DELETE_THRU, 1, 0, null);
        }
        else
        {
            // Re-price level r in place, between its neighbours: an Overlay.
            final long[] better = r > 1 ? at(levels, r - 1) : null;
            final long[] worse = at(levels, r + 1);
            final long step = side == Side.BID ? -TICK : TICK;
            final long candidate = price + (random.nextBoolean() ? step : -step);
            final boolean fits = !levels.containsKey(candidate) &&
                (better == null || (side == Side.BID ? candidate < better[0] : candidate > better[0])) &&
                (worse == null || (side == Side.BID ? candidate > worse[0] : candidate < worse[0]));
            if (fits && r <= n)
            {
                final long[] level = levels.remove(price);
                levels.put(candidate, level);
                emit(instrument, book, side, LevelAction.OVERLAY, r, candidate, level);
            }
        }
    }

    /**
     * Generates the next event: 1..2 packets; returns them in order.
     */
    List<byte[]> nextEvent(final long sendingTimeNs)
    {
        final List<byte[]> out = new ArrayList<>();
        final int packetsInEvent = random.nextInt(10) == 0 ? 2 : 1;
        for (int p = 0; p < packetsInEvent; p++)
        {
            builder.begin(nextSequence++, sendingTimeNs);
            touching = 0;
            final int messages = 1 + random.nextInt(3);
            for (int m = 0; m < messages; m++)
            {
                final boolean last = p == packetsInEvent - 1 && m == messages - 1;
                final int roll = random.nextInt(20);
                final int instrument = random.nextInt(instruments);
                if (roll < 2)
                {
                    touching |= 1L << instrument;
                }
                if (roll == 0)
                {
                    builder.trade48(last ? MdpPacketBuilder.EOE : 1, securityId(instrument), ++rptSeq[instrument],
                        (10_000 + instrument * 100) * TICK, 1 + random.nextInt(5), 1 + random.nextInt(2));
                    continue;
                }
                if (roll == 1)
                {
                    builder.volume37(last ? MdpPacketBuilder.EOE : 2, securityId(instrument), ++rptSeq[instrument],
                        random.nextInt(1000));
                    continue;
                }
                pending.clear();
                for (int c = 1 + random.nextInt(3); c > 0 && pending.size() < 200; c--)
                {
                    change(random.nextInt(instruments));
                }
                if (pending.isEmpty())
                {
                    touching |= 1L << instrument;
                    builder.volume37(last ? MdpPacketBuilder.EOE : 2, securityId(instrument), ++rptSeq[instrument], 1);
                }
                else
                {
                    builder.book46(last ? MdpPacketBuilder.EOE : 4, pending.toArray(new MdpPacketBuilder.Level[0]));
                }
            }
            out.add(builder.bytes());
            packets.add(out.get(out.size() - 1));
            record();
        }
        return out;
    }

    private void record()
    {
        final long[][] views = new long[instruments][];
        for (int i = 0; i < instruments; i++)
        {
            views[i] = view(i);
        }
        truth.add(views);
        rptSeqAfter.add(rptSeq.clone());
        touchedBy.add(touching);
    }

    /**
     * @return the instrument's view now: for each book and side, depth entries of (state, price, qty, orders).
     */
    private long[] view(final int instrument)
    {
        final long[] v = new long[2 * (depth + impliedDepth) * 4];
        int k = 0;
        for (int book = 0; book < 2; book++)
        {
            for (int side = 0; side < 2; side++)
            {
                final TreeMap<Long, long[]> levels = side(instrument, book, side);
                int r = 0;
                for (final java.util.Map.Entry<Long, long[]> e : levels.entrySet())
                {
                    if (r == bookDepth(book))
                    {
                        break;
                    }
                    v[k + r * 4] = LevelBook.KNOWN;
                    v[k + r * 4 + 1] = e.getKey();
                    v[k + r * 4 + 2] = e.getValue()[0];
                    v[k + r * 4 + 3] = book == LevelAction.IMPLIED ? 0 : e.getValue()[1];
                    r++;
                }
                for (; r < bookDepth(book); r++)
                {
                    v[k + r * 4] = LevelBook.EMPTY;
                }
                k += bookDepth(book) * 4;
            }
        }
        return v;
    }

    /**
     * @param sequence a packet sequence already generated.
     * @return a bit per instrument that has an entry in that packet.
     */
    long instrumentsIn(final long sequence)
    {
        return touchedBy.get(index(sequence));
    }

    /**
     * @param sequence   a packet sequence already generated.
     * @param instrument an instrument.
     * @return its RptSeq after that packet.
     */
    long rptSeqAfter(final long sequence, final int instrument)
    {
        return rptSeqAfter.get(index(sequence))[instrument];
    }

    /**
     * @return packets generated so far.
     */
    int packets()
    {
        return packets.size();
    }

    long firstSequence()
    {
        return nextSequence - packets.size();
    }

    /**
     * @param sequence a packet sequence already generated.
     * @return the index of its truth record.
     */
    private int index(final long sequence)
    {
        return (int)(sequence - firstSequence());
    }

    /**
     * A market-by-price snapshot of an instrument as of packet {@code sequence}.
     */
    byte[] snapshot(final long snapshotSequence, final long asOfSequence, final int instrument)
    {
        final long[] v = truth.get(index(asOfSequence))[instrument];
        final List<MdpPacketBuilder.Level> levels = new ArrayList<>();
        int k = 0;
        for (int book = 0; book < 2; book++)
        {
            for (int side = 0; side < 2; side++)
            {
                for (int r = 0; r < bookDepth(book); r++)
                {
                    if (v[k + r * 4] == LevelBook.KNOWN)
                    {
                        levels.add(level(0, 0, type(book, side), 0, r + 1, v[k + r * 4 + 1], (int)v[k + r * 4 + 2],
                            (int)v[k + r * 4 + 3]));
                    }
                }
                k += bookDepth(book) * 4;
            }
        }
        return new MdpPacketBuilder().begin(snapshotSequence, 0).snapshot52(asOfSequence,
            rptSeqAfter.get(index(asOfSequence))[instrument], securityId(instrument), 17,
            levels.toArray(new MdpPacketBuilder.Level[0])).bytes();
    }

    /**
     * Checks a session-built book against the truth as of packet {@code sequence}: every known slot must be the
     * venue's level, every known-empty slot empty; unknown slots are allowed.
     *
     * @return null when sound, else what differs.
     */
    String soundness(final LevelBook book, final int instrument, final long sequence)
    {
        final long[] v = truth.get(index(sequence))[instrument];
        int k = 0;
        for (int b = 0; b < 2; b++)
        {
            for (int side = 0; side < 2; side++)
            {
                for (int r = 0; r < bookDepth(b); r++)
                {
                    final int state = book.levelState(b, side, r + 1);
                    final int i = k + r * 4;
                    if (state == LevelBook.KNOWN && (v[i] != LevelBook.KNOWN || v[i + 1] != book.levelPrice(b, side,
                        r + 1) || v[i + 2] != book.levelQuantity(b, side, r + 1) ||
                        v[i + 3] != book.levelOrders(b, side, r + 1)) ||
                        state == LevelBook.EMPTY && v[i] != LevelBook.EMPTY)
                    {
                        return "instrument " + instrument + " " + LevelBook.bookName(b) + " " + Side.name(side) +
                            " level " + (r + 1) + ": shows " + LevelBook.stateName(state) + " " +
                            book.levelQuantity(b, side, r + 1) + "@" + book.levelPrice(b, side, r + 1) + ", venue " +
                            LevelBook.stateName((int)v[i]) + " " + v[i + 2] + "@" + v[i + 1] + " after packet " +
                            sequence;
                    }
                }
                k += bookDepth(b) * 4;
            }
        }
        return null;
    }

    /**
     * @return true when every slot of the instrument's book is known (so soundness is equality).
     */
    static boolean fullyKnown(final LevelBook book)
    {
        for (int b = 0; b < 2; b++)
        {
            for (int side = 0; side < 2; side++)
            {
                if (book.depth(b) > 0 && !book.isKnown(b, side))
                {
                    return false;
                }
            }
        }
        return true;
    }
}
