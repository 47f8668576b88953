package io.ticklane.latency;

/**
 * Type ids of the engine's counters, in reserved ranges per area so that tools can group them:
 * <ul>
 *     <li>100-199 gateway and feed</li>
 *     <li>200-299 rings (one set per book agent)</li>
 *     <li>300-399 journal</li>
 *     <li>400-499 book</li>
 *     <li>500-599 agents</li>
 *     <li>600-699 latency</li>
 * </ul>
 * Below 100 is left to Aeron and Agrona's own conventions; 700 and above is unassigned. What each counter means is
 * documented in {@code docs/OPERATIONS.md} (Counters).
 */
public final class CounterTypes
{
    /** Packets taken from the feed subscription(s). */
    public static final int PACKETS_RECEIVED = 100;
    /** Messages in valid, non-duplicate packets. */
    public static final int MESSAGES_RECEIVED = 101;
    /** Packets missed: the sum of sequence gap sizes. */
    public static final int GAPS = 102;
    /** Duplicate packets dropped (replays, or the slower of two lines). */
    public static final int DUPLICATES = 103;
    /** Snapshot recoveries completed after an unfilled gap. */
    public static final int RECOVERIES = 104;
    /** Packets rejected by validation. */
    public static final int MALFORMED = 105;
    public static final int STALE_INSTRUMENTS = 106;
    public static final int EVENTS_DROPPED = 107;
    public static final int SEQUENCE = 108;
    /** Publisher (or venue) sessions that started over after the first: a restarted publisher. */
    public static final int SESSION_RESETS = 109;
    public static final int LINE_RECEIVED = 120;
    public static final int LINE_LOSSES = 121;
    public static final int LINE_LAG = 122;
    /** Copies a line delivered that the other line had delivered first (per line). */
    public static final int LINE_DUPLICATES = 123;
    /** Datagrams the kernel dropped on a line's socket (its receive buffer was full). */
    public static final int KERNEL_DROPS = 124;
    /** Venue messages of one template in sequenced packets. */
    public static final int VENUE_TEMPLATE_MESSAGES = 130;
    /** One venue instrument's own sequence gaps (CME RptSeq). */
    public static final int INSTRUMENT_SEQUENCE_GAPS = 131;
    /** One venue instrument's recoveries from a snapshot. */
    public static final int INSTRUMENT_RECOVERIES = 132;
    /** One venue instrument's stale state now: 1 stale, 0 live. */
    public static final int INSTRUMENT_STALE = 133;
    public static final int PACKETS_PUBLISHED = 110;
    public static final int MESSAGES_PUBLISHED = 111;
    public static final int PUBLISH_BACK_PRESSURE = 112;

    /** Bytes waiting in a book agent's ring, sampled by housekeeping. */
    public static final int RING_DEPTH = 200;
    /** Times a producer found the ring full and had to retry. */
    public static final int RING_FULL = 201;
    /** Capacity of the ring in bytes (constant; lets readers show depth as a fraction). */
    public static final int RING_CAPACITY = 202;

    public static final int JOURNAL_BYTES = 300;
    public static final int JOURNAL_RECORDS = 301;
    public static final int JOURNAL_ERRORS = 302;
    /** 1 once the journal panicked under a running engine: nothing is journaled from then on. */
    public static final int JOURNAL_PANICKED = 303;

    public static final int BOOK_EVENTS_APPLIED = 400;
    public static final int BOOK_EVENTS_REJECTED = 401;
    /** Order slots in use in a book agent's pool. */
    public static final int ORDER_POOL_USED = 402;
    public static final int BOOK_OUT_OF_BAND = 403;
    /** Order slots in a book agent's pool (constant). */
    public static final int ORDER_POOL_CAPACITY = 404;

    /** Longest single {@code doWork()} call of an agent, ns. */
    public static final int AGENT_MAX_DUTY_CYCLE_NS = 500;
    /** {@code doWork()} calls of an agent longer than the stall threshold. */
    public static final int AGENT_STALLS = 501;
    /** Exceptions thrown out of an agent's {@code doWork()}. */
    public static final int AGENT_ERRORS = 502;

    /** Latency values outside 0..highest trackable, clamped (per stage). */
    public static final int LATENCY_CLAMPED = 600;

    /** Stream (docs/STREAM.md): packets a book agent's publisher offered. */
    public static final int STREAM_PACKETS_PUBLISHED = 700;
    /** Stream: book events in them. */
    public static final int STREAM_MESSAGES_PUBLISHED = 701;
    /** Stream: offers retried for back pressure. */
    public static final int STREAM_BACK_PRESSURED = 702;
    /** Stream: packets given up after the retries (clients see a gap and recover). */
    public static final int STREAM_PACKETS_LOST = 703;
    /** Stream: packets offered while no client was connected. */
    public static final int STREAM_PACKETS_UNHEARD = 704;
    /** Stream: snapshots served on request. */
    public static final int STREAM_SNAPSHOTS_SERVED = 705;
    /** Stream: snapshots abandoned for back pressure (the client asks again). */
    public static final int STREAM_SNAPSHOTS_ABANDONED = 706;
    /** Client: packets received. */
    public static final int CLIENT_PACKETS = 710;
    /** Client: book events received. */
    public static final int CLIENT_MESSAGES = 711;
    /** Client: stream sequence gaps (packets missed). */
    public static final int CLIENT_GAPS = 712;
    /** Client: instrument sequence gaps. */
    public static final int CLIENT_INSTRUMENT_GAPS = 713;
    /** Client: instruments recovered from a snapshot. */
    public static final int CLIENT_RECOVERIES = 714;
    /** Client: snapshot requests sent. */
    public static final int CLIENT_SNAPSHOT_REQUESTS = 715;
    /** Client: now minus the gateway's sending time of the last packet, ns. */
    public static final int CLIENT_LAG_NS = 716;
    /** Client: instruments waiting for a snapshot now. */
    public static final int CLIENT_RECOVERING = 717;
    /** Client: instruments whose incrementals came from a new publisher session (a restarted gateway). */
    public static final int CLIENT_PUBLISHER_RESTARTS = 718;

    private static final String[] GROUPS = {"gateway", "ring", "journal", "book", "agent", "latency", "stream"};

    private CounterTypes()
    {
    }

    /**
     * @param typeId a counter type id.
     * @return the area it belongs to ({@code gateway}, {@code ring}, {@code journal}, {@code book}, {@code agent},
     * {@code latency}, {@code stream}), or {@code other} outside the reserved ranges.
     */
    public static String group(final int typeId)
    {
        final int index = typeId / 100 - 1;
        return typeId >= 100 && index < GROUPS.length ? GROUPS[index] : "other";
    }

    /**
     * @param typeId a counter type id.
     * @return true when it lies in one of the reserved ranges above.
     */
    public static boolean isReserved(final int typeId)
    {
        return !"other".equals(group(typeId));
    }
}
