package io.ticklane.journal;

import org.agrona.BitUtil;

/**
 * Binary layout of the journal file ({@code journal.dat} inside the journal directory). Little-endian throughout.
 * <p>
 * Metadata page (first {@link #METADATA_LENGTH} bytes):
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                    Magic "TLJOURNL" (int64)                    |  0
 *  +---------------------------------------------------------------+
 *  |                    Version (int32)                             |  8
 *  +---------------------------------------------------------------+
 *  |                    Reserved (int32)                            | 12
 *  +---------------------------------------------------------------+
 *  |                    Data Capacity, bytes (int64)                | 16
 *  +---------------------------------------------------------------+
 *  |                    Padding to 64                               | 24
 *  +---------------------------------------------------------------+
 *  |          Write Cursor (int64, get-and-add by writers)          | 64
 *  +---------------------------------------------------------------+
 *  |                    Padding to 4096                             | 72
 *  +---------------------------------------------------------------+
 * </pre>
 * The cursor sits on its own cache line so that writers contending on it do not false-share with the read-mostly
 * fields. Data starts at {@link #METADATA_LENGTH}; positions are offsets into the data region.
 * <p>
 * Frame (aligned to {@link #FRAME_ALIGNMENT}):
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |R|          Frame Length (int32, header + payload)             |  0  written last, release
 *  +---------------------------------------------------------------+
 *  |                    Record Type (int32)                         |  4
 *  +---------------------------------------------------------------+
 *  |                    Timestamp, ns (int64)                       |  8
 *  +---------------------------------------------------------------+
 *  |                    CRC32C of payload (int32)                   | 16
 *  +---------------------------------------------------------------+
 *  |                    Reserved (int32 + int64)                    | 20
 *  +---------------------------------------------------------------+
 *  |                    Payload ...                                 | 32
 *  +---------------------------------------------------------------+
 * </pre>
 * A frame length of 0 means "not committed yet": readers stop there.
 */
public final class JournalDescriptor
{
    /** "TLJOURNL" little-endian. */
    public static final long MAGIC = 0x4C4E52554F4A4C54L;
    public static final int VERSION = 1;
    public static final String DATA_FILE_NAME = "journal.dat";

    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_OFFSET = 8;
    public static final int CAPACITY_OFFSET = 16;
    public static final int CURSOR_OFFSET = 64;
    public static final int METADATA_LENGTH = 4096;

    public static final int FRAME_LENGTH_OFFSET = 0;
    public static final int RECORD_TYPE_OFFSET = 4;
    public static final int TIMESTAMP_OFFSET = 8;
    public static final int CRC_OFFSET = 16;
    public static final int HEADER_LENGTH = 32;
    public static final int FRAME_ALIGNMENT = 32;

    private JournalDescriptor()
    {
    }

    /**
     * @param payloadLength bytes of payload.
     * @return bytes the frame occupies in the log, header and alignment included.
     */
    public static int alignedFrameLength(final int payloadLength)
    {
        return BitUtil.align(HEADER_LENGTH + payloadLength, FRAME_ALIGNMENT);
    }
}
