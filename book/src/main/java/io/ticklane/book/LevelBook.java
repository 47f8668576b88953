package io.ticklane.book;

/**
 * A depth-limited market-by-price book of one instrument (outright and implied levels, {@link LevelAction}
 * semantics), the book of price-level venues. A level the feed never determined is never presented as known.
 * <p>
 * Single writer: every mutator runs on the book-writer thread; {@link #publish()} makes the changes since the last
 * call visible to readers on other threads at once (the applier calls it at the end of each venue event).
 */
public interface LevelBook extends BookView
{
    /**
     * @param book       {@link LevelAction#OUTRIGHT} or {@link LevelAction#IMPLIED}.
     * @param side       {@link Side#BID} or {@link Side#ASK}.
     * @param action     a {@link LevelAction}.
     * @param level      1-based level.
     * @param price      price (news and overlays).
     * @param quantity   aggregate quantity.
     * @param orderCount orders at the level, 0 when unknown.
     * @return a {@link BookResult}; anything but OK leaves the book unchanged.
     */
    int apply(int book, int side, int action, int level, long price, long quantity, int orderCount);

    /**
     * Empties both books of the instrument; every level becomes known-empty.
     */
    void clear();

    /**
     * Publishes the changes since the previous call to readers.
     */
    void publish();

    /**
     * @param stale true while the book may be missing events (readers see it).
     */
    void stale(boolean stale);
}
