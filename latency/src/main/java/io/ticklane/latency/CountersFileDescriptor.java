package io.ticklane.latency;

import org.agrona.concurrent.status.CountersReader;

/**
 * Layout of the memory-mapped counters file, shared by the engine (writer) and {@code engine stat} (reader).
 * All fields little-endian.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                  Magic "TLCOUNTR" (int64)                      |  0
 *  +---------------------------------------------------------------+
 *  |                  Version (int32)                               |  8
 *  +---------------------------------------------------------------+
 *  |                  Metadata Length (int32)                       | 12
 *  +---------------------------------------------------------------+
 *  |                  Values Length (int32)                         | 16
 *  +---------------------------------------------------------------+
 *  |       State (int32, release store): 1 running, 2 closed        | 20
 *  +---------------------------------------------------------------+
 *  |                  Owner PID (int64)                             | 24
 *  +---------------------------------------------------------------+
 *  |                  Start Time, epoch ms (int64)                  | 32
 *  +---------------------------------------------------------------+
 *  |         Heartbeat, epoch ms (int64, release store)             | 40
 *  +---------------------------------------------------------------+
 *  |                  Padding to 128 bytes                          | 48
 *  +---------------------------------------------------------------+
 *  |        Counters metadata (Agrona CountersManager layout)      | 128
 *  +---------------------------------------------------------------+
 *  |        Counters values (Agrona layout, 128 B per counter)     |
 *  +---------------------------------------------------------------+
 * </pre>
 * The magic is written last (release) by the creator, so a reader that sees it sees a complete header. The owner
 * stamps the heartbeat every 100 ms while it runs and sets the state to closed when it shuts down cleanly, so a
 * reader can tell a running engine from a stopped, hung or crashed one.
 */
public final class CountersFileDescriptor
{
    /** "TLCOUNTR" little-endian. */
    public static final long MAGIC = 0x52544E554F434C54L;
    /** Layout version; bump on any change above. */
    public static final int VERSION = 2;

    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_OFFSET = 8;
    public static final int METADATA_LENGTH_OFFSET = 12;
    public static final int VALUES_LENGTH_OFFSET = 16;
    public static final int STATE_OFFSET = 20;
    public static final int PID_OFFSET = 24;
    public static final int START_TIME_OFFSET = 32;
    public static final int HEARTBEAT_OFFSET = 40;
    public static final int HEADER_LENGTH = 128;

    /** State: the owner is running (or died without closing). */
    public static final int STATE_RUNNING = 1;
    /** State: the owner closed the file cleanly. */
    public static final int STATE_CLOSED = 2;

    private CountersFileDescriptor()
    {
    }

    /**
     * @param maxCounters counters the file can hold.
     * @return bytes of values.
     */
    public static int valuesLength(final int maxCounters)
    {
        return maxCounters * CountersReader.COUNTER_LENGTH;
    }

    /**
     * @param maxCounters counters the file can hold.
     * @return bytes of metadata.
     */
    public static int metadataLength(final int maxCounters)
    {
        return maxCounters * CountersReader.METADATA_LENGTH;
    }
}
