package io.ticklane.book;

/**
 * Market-by-price update actions on a depth-limited book of {@code depth} levels per side, with CME MDP 3.0's
 * MDPriceLevel semantics (the most demanding of the venues; others use a subset). Levels are 1-based, level 1 the
 * best.
 * <ul>
 * <li>{@link #NEW}: insert a level at index {@code n}; levels {@code n..depth-1} shift down one, the one pushed past
 * {@code depth} falls off.</li>
 * <li>{@link #CHANGE}: replace quantity (and order count) of level {@code n}; the price is unchanged.</li>
 * <li>{@link #DELETE}: remove level {@code n}; the levels below shift up, the last becomes unknown.</li>
 * <li>{@link #DELETE_THRU}: remove every level of the side (levels 1..depth).</li>
 * <li>{@link #DELETE_FROM}: remove levels 1..n; the levels below shift up by {@code n}.</li>
 * <li>{@link #OVERLAY}: replace price, quantity and count of level {@code n}.</li>
 * <li>{@link #FORGET}: level {@code n} becomes unknown (no venue sends it: a served stream snapshot restores an
 * unknown slot with it, so that the client's book, and its state hash, equal the gateway's).</li>
 * </ul>
 * A book reset (CME entry type J) is {@link BookEventHandler#onClear}.
 */
public final class LevelAction
{
    public static final int NEW = 0;
    public static final int CHANGE = 1;
    public static final int DELETE = 2;
    public static final int DELETE_THRU = 3;
    public static final int DELETE_FROM = 4;
    public static final int OVERLAY = 5;
    public static final int FORGET = 6;
    /** Number of actions. */
    public static final int COUNT = 7;

    /** The outright (direct) book of an instrument. */
    public static final int OUTRIGHT = 0;
    /** The implied book (prices implied from spreads and legs), kept apart from the outright one. */
    public static final int IMPLIED = 1;

    private static final String[] NAMES = {"new", "change", "delete", "delete-thru", "delete-from", "overlay", "forget"};

    private LevelAction()
    {
    }

    /**
     * @param action an action code.
     * @return its name.
     */
    public static String name(final int action)
    {
        return action >= 0 && action < COUNT ? NAMES[action] : "action-" + action;
    }
}
