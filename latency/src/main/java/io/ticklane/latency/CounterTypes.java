package io.ticklane.latency;

/**
 * Type ids of the engine's counters, in reserved ranges per module so that tools can group them:
 * <ul>
 *     <li>100-199 gateway and feed</li>
 *     <li>200-299 rings (per book agent)</li>
 *     <li>300-399 journal</li>
 *     <li>400-499 book</li>
 *     <li>500-599 agents</li>
 *     <li>600-699 latency</li>
 * </ul>
 * Below 100 is left to Aeron and Agrona's own conventions.
 */
public final class CounterTypes
{
    public static final int PACKETS_RECEIVED = 100;
    public static final int MESSAGES_RECEIVED = 101;
    public static final int GAPS = 102;
    public static final int DUPLICATES = 103;
    public static final int RECOVERIES = 104;
    public static final int MALFORMED = 105;
    public static final int STALE_INSTRUMENTS = 106;
    public static final int EVENTS_DROPPED = 107;
    public static final int SEQUENCE = 108;
    public static final int LINE_RECEIVED = 120;
    public static final int LINE_LOSSES = 121;
    public static final int LINE_LAG = 122;
    public static final int PACKETS_PUBLISHED = 110;
    public static final int MESSAGES_PUBLISHED = 111;
    public static final int PUBLISH_BACK_PRESSURE = 112;

    public static final int RING_DEPTH = 200;
    public static final int RING_FULL = 201;

    public static final int JOURNAL_BYTES = 300;
    public static final int JOURNAL_RECORDS = 301;
    public static final int JOURNAL_ERRORS = 302;

    public static final int BOOK_EVENTS_APPLIED = 400;
    public static final int BOOK_EVENTS_REJECTED = 401;
    public static final int ORDER_POOL_USED = 402;
    public static final int BOOK_OUT_OF_BAND = 403;

    public static final int AGENT_MAX_DUTY_CYCLE_NS = 500;
    public static final int AGENT_STALLS = 501;

    public static final int LATENCY_CLAMPED = 600;

    private CounterTypes()
    {
    }
}
