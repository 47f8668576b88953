package io.ticklane.book;

/**
 * Whether a book can be trusted. A book is {@link #LIVE} while it has applied every event of its feed; it is
 * {@link #STALE} from the moment it may have missed one (a sequence gap the gateway could not fill, a full queue past
 * its bound, an event it could not hold) until a snapshot has rebuilt it. Readers see the state in every snapshot;
 * the book thread's listener hears each change.
 */
public final class BookState
{
    public static final int LIVE = 0;
    public static final int STALE = 1;

    private BookState()
    {
    }

    /**
     * @param state a state.
     * @return "live" or "stale".
     */
    public static String name(final int state)
    {
        return state == LIVE ? "live" : state == STALE ? "stale" : "state-" + state;
    }
}
