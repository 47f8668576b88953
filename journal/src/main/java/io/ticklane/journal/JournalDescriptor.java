package io.ticklane.journal;

import org.agrona.BitUtil;

/**
 * Binary layout of a journal directory. Little-endian throughout. A journal directory holds:
 * <ul>
 *     <li>{@value #METADATA_FILE_NAME}: the shared metadata, mapped by every process that opens the journal;</li>
 *     <li>{@code NNNNNNNNNNNNNNNNNNNN.seg}: data segments, numbered from 0; segment {@code s} holds log positions
 *     {@code [s * segmentSize, (s + 1) * segmentSize)}; a segment file grows by whole chunks up to
 *     {@code segmentSize};</li>
 *     <li>{@code NNNNNNNNNNNNNNNNNNNN.idx}: the index of the segment with the same number.</li>
 * </ul>
 * A log position is a byte offset in the infinite log; frames never straddle a segment end (the writer whose
 * claim would straddle it pads the rest of the segment and claims again), but they may straddle chunk ends.
 * <p>
 * <b>Metadata file</b> ({@link #METADATA_LENGTH} bytes). Hot fields sit on their own cache lines:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                  Magic "TLJOURNL" (int64)                     |    0  written by the creator
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  Format Version (int32)                       |    8
 *  +---------------------------------------------------------------+
 *  |                  Metadata Length (int32)                      |   12
 *  +---------------------------------------------------------------+
 *  |                  Page Size (int32)                            |   16
 *  +---------------------------------------------------------------+
 *  |                  Chunk Size (int32, power of two)             |   20
 *  +---------------------------------------------------------------+
 *  |                  Segment Size (int64, multiple of chunk)      |   24
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  Index Stride (int32, power of two)           |   32
 *  +---------------------------------------------------------------+
 *  |                  Reserved (int32)                             |   36
 *  +---------------------------------------------------------------+
 *  |                  Creator PID (int64)                          |   40
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  Created, epoch ms (int64)                    |   48
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  Reserved to 64                               |   56
 *  +===============================================================+
 *  |                  Ready (int32, release: 1 when usable)        |   64
 *  +---------------------------------------------------------------+
 *  |                  Panicked (int32, 0 or a reason code)         |   68
 *  +---------------------------------------------------------------+
 *  |                  Panic Position (int64)                       |   72
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  Panic PID (int64)                            |   80
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  Panic Time, epoch ms (int64)                 |   88
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  Reserved to 128                              |   96
 *  +===============================================================+
 *  |                  Lock Owner PID (int64, CAS; 0 when free)     |  128
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  Lock Taken, epoch ms (int64)                 |  136
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  Reserved to 192                              |  144
 *  +===============================================================+
 *  |                  Write Cursor (int64, get-and-add)            |  192  alone on its line
 *  |                                                               |
 *  +===============================================================+
 *  |                  Grown Limit (int64, release, under lock)     |  256
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  Requested Limit (int64, CAS-max ratchet)     |  264
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  First Segment (int64, under lock)            |  272
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  Scanned Position (int64, CAS-max)            |  280
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  Flushed Position (int64, CAS-max)            |  288
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  Reserved to 320                              |  296
 *  +===============================================================+
 *  |                  Sealed Claims (int64, get-and-add)           |  320
 *  +---------------------------------------------------------------+
 *  |                  Growth Failures (int64, get-and-add)         |  328
 *  +---------------------------------------------------------------+
 *  |                  Segments Deleted (int64, get-and-add)        |  336
 *  +---------------------------------------------------------------+
 *  |                  Lock Breaks (int64, get-and-add)             |  344
 *  +---------------------------------------------------------------+
 *  |                  Recoveries (int64, get-and-add)              |  352
 *  +---------------------------------------------------------------+
 *  |                  Reserved to 1024                             |  360
 *  +===============================================================+
 *  |          Reader Slots: 64 x 32 bytes (see below)              | 1024
 *  +---------------------------------------------------------------+
 *  |                  Reserved to 4096                             | 3072
 *  +---------------------------------------------------------------+
 * </pre>
 * A reader slot ({@link #READER_SLOT_LENGTH} bytes) registers one reader so that retention never deletes the
 * segment it is on: PID (int64, CAS from 0 to claim, 0 when free), position (int64, release), heartbeat epoch ms
 * (int64), reserved (int64). Slots whose PID is no longer alive are reclaimed.
 * <p>
 * <b>Frame</b> (starts on a {@link #FRAME_ALIGNMENT} boundary; the next frame starts at the aligned end):
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |         Frame Length (int32: 0 free, -L claimed, +L done)     |  0  \ one int64 word, changed only by
 *  +---------------------------------------------------------------+      CAS: claim, commit, seal, pad
 *  |  Frame Type (int32: CLAIM, DATA, PAD, SEALED, FILL, QUARANT.) |  4  /
 *  +---------------------------------------------------------------+
 *  |         CRC32C of bytes [12, Frame Length) (int32)            |  8
 *  +---------------------------------------------------------------+
 *  |         Record Type (int32, caller's)                         | 12
 *  +---------------------------------------------------------------+
 *  |         Timestamp, ns (int64, caller's)                       | 16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |         Writer PID (int32, low 32 bits)                       | 24
 *  +---------------------------------------------------------------+
 *  |         Frame Length Copy (int32, covered by the CRC)         | 28
 *  +---------------------------------------------------------------+
 *  |         Payload ...                                          ...  32
 *  +---------------------------------------------------------------+
 * </pre>
 * Lifecycle of the first word: a writer claims space with get-and-add on the cursor, then CASes the word from 0
 * to {@code (-L, CLAIM)}, writes the rest, and commits with a CAS to {@code (L, DATA)} (release, as Aeron's
 * log buffers commit by storing the length last). A claim abandoned by a dead writer is sealed by whoever meets it
 * after the claim timeout, by CAS to {@code (L, SEALED)}; the same CAS makes a late writer's commit fail, so a
 * frame is either committed or padding, never both. {@code PAD} frames fill a segment's tail. {@code FILL} words
 * sit inside a sealed region on every aligned slot so that a writer that had claimed there cannot CAS a header in.
 * CRC, record type, timestamp, writer PID and the length copy are meaningful only for {@code DATA} frames; the
 * copy lets a reader tell a damaged length (which the CRC cannot cover, since the length is the commit word) from
 * a valid one.
 * <p>
 * <b>Quarantine.</b> {@code (L, QUARANTINED)} marks {@code L} bytes that {@code repair} found damaged: a committed
 * frame whose CRC does not match (its first word was {@code (L, DATA)}; every other byte is kept as it was), a region
 * from a broken header to the next position where a frame evidently starts (every byte but the first word kept), or
 * a region a segment file had lost and repair refilled with zeros. Readers and walks step over it as they do over
 * padding, but count and report it; {@code verify} lists it as a warning, so the damage stays visible after repair.
 * Repair also records each quarantined region, with the first word it replaced, in {@value #QUARANTINE_FILE_NAME}
 * (one text line per region). Builds that read version 2 only do not know this type: a repair that writes one raises
 * the format version of a version 2 journal to 3, so that they refuse the journal with their version message
 * instead of reading the quarantined frame as a broken header.
 * <p>
 * <b>Index file</b>: a {@link #INDEX_HEADER_LENGTH}-byte header (magic int64, version int32, reserved int32,
 * segment number int64, segment base position int64, stride int32, reserved) and one {@link #INDEX_ENTRY_LENGTH}
 * entry per stride of the segment: position + 1 (int64, 0 when unset) of the frame that contains the stride's
 * first byte, and that frame's timestamp (int64, {@link Long#MIN_VALUE} for padding).
 */
public final class JournalDescriptor
{
    /** "TLJOURNL" little-endian. */
    public static final long MAGIC = 0x4C4E52554F4A4C54L;
    /** "TLJINDEX" little-endian. */
    public static final long INDEX_MAGIC = 0x5845444E494A4C54L;
    /** Format version this build creates; a version 3 journal may hold {@link #TYPE_QUARANTINED} frames. */
    public static final int VERSION = 3;
    /** Oldest format version this build reads (and repairs, raising it to {@link #VERSION} if it quarantines). */
    public static final int MIN_READ_VERSION = 2;

    public static final String METADATA_FILE_NAME = "journal.meta";
    public static final String SEGMENT_SUFFIX = ".seg";
    public static final String INDEX_SUFFIX = ".idx";
    /** Text file, one line per region repair quarantined: time, position, length, reason, replaced first word. */
    public static final String QUARANTINE_FILE_NAME = "journal.quarantine";

    /** Page size assumed for pre-faulting and metadata sizing. */
    public static final int PAGE_SIZE = 4096;

    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_OFFSET = 8;
    public static final int METADATA_LENGTH_OFFSET = 12;
    public static final int PAGE_SIZE_OFFSET = 16;
    public static final int CHUNK_SIZE_OFFSET = 20;
    public static final int SEGMENT_SIZE_OFFSET = 24;
    public static final int INDEX_STRIDE_OFFSET = 32;
    public static final int CREATOR_PID_OFFSET = 40;
    public static final int CREATED_MS_OFFSET = 48;
    public static final int READY_OFFSET = 64;
    public static final int PANIC_REASON_OFFSET = 68;
    public static final int PANIC_POSITION_OFFSET = 72;
    public static final int PANIC_PID_OFFSET = 80;
    public static final int PANIC_MS_OFFSET = 88;
    public static final int LOCK_OWNER_OFFSET = 128;
    public static final int LOCK_MS_OFFSET = 136;
    public static final int CURSOR_OFFSET = 192;
    public static final int GROWN_LIMIT_OFFSET = 256;
    public static final int REQUESTED_LIMIT_OFFSET = 264;
    public static final int FIRST_SEGMENT_OFFSET = 272;
    public static final int SCANNED_POSITION_OFFSET = 280;
    public static final int FLUSHED_POSITION_OFFSET = 288;
    public static final int SEALED_CLAIMS_OFFSET = 320;
    public static final int GROWTH_FAILURES_OFFSET = 328;
    public static final int SEGMENTS_DELETED_OFFSET = 336;
    public static final int LOCK_BREAKS_OFFSET = 344;
    public static final int RECOVERIES_OFFSET = 352;
    public static final int READER_SLOTS_OFFSET = 1024;
    public static final int READER_SLOT_LENGTH = 32;
    public static final int READER_SLOT_COUNT = 64;
    public static final int READER_PID_OFFSET = 0;
    public static final int READER_POSITION_OFFSET = 8;
    public static final int READER_HEARTBEAT_OFFSET = 16;
    public static final int METADATA_LENGTH = 4096;

    /** Panic reasons (metadata "Panicked"). */
    public static final int PANIC_NONE = 0;
    /**
     * A frame header below the cursor has an impossible length or type, or a length that differs from its
     * CRC-covered copy: the chain of frames is broken there.
     */
    public static final int PANIC_BROKEN_FRAME = 1;
    /** The metadata disagrees with the files (e.g. a segment is shorter than the grown limit). */
    public static final int PANIC_INCONSISTENT = 2;

    public static final int FRAME_LENGTH_OFFSET = 0;
    public static final int FRAME_TYPE_OFFSET = 4;
    public static final int CRC_OFFSET = 8;
    public static final int RECORD_TYPE_OFFSET = 12;
    public static final int TIMESTAMP_OFFSET = 16;
    public static final int WRITER_PID_OFFSET = 24;
    public static final int FRAME_LENGTH_COPY_OFFSET = 28;
    /** First byte covered by the CRC. */
    public static final int CRC_START_OFFSET = RECORD_TYPE_OFFSET;
    public static final int HEADER_LENGTH = 32;
    public static final int FRAME_ALIGNMENT = 32;

    public static final int TYPE_CLAIM = 1;
    public static final int TYPE_DATA = 2;
    public static final int TYPE_PAD = 3;
    public static final int TYPE_SEALED = 4;
    public static final int TYPE_FILL = 5;
    /** Damaged bytes repair kept but took out of the log: skipped by readers, counted and reported. */
    public static final int TYPE_QUARANTINED = 6;
    /** The word a sealer puts on every aligned slot inside the region it seals. */
    public static final long FILL_WORD = (long)TYPE_FILL << 32;

    public static final int INDEX_HEADER_LENGTH = 64;
    public static final int INDEX_ENTRY_LENGTH = 16;
    public static final int INDEX_MAGIC_OFFSET = 0;
    public static final int INDEX_VERSION_OFFSET = 8;
    public static final int INDEX_SEGMENT_OFFSET = 16;
    public static final int INDEX_BASE_OFFSET = 24;
    public static final int INDEX_STRIDE_HEADER_OFFSET = 32;
    /** Timestamp stored in index entries that point at padding. */
    public static final long NO_TIMESTAMP = Long.MIN_VALUE;

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

    /**
     * @param frameLength  signed frame length.
     * @param frameType    one of the {@code TYPE_*} values.
     * @return the first header word.
     */
    public static long headerWord(final int frameLength, final int frameType)
    {
        return ((long)frameType << 32) | (frameLength & 0xFFFF_FFFFL);
    }

    /**
     * @param word first header word.
     * @return its frame length field.
     */
    public static int frameLength(final long word)
    {
        return (int)word;
    }

    /**
     * @param word first header word.
     * @return its frame type field.
     */
    public static int frameType(final long word)
    {
        return (int)(word >>> 32);
    }

    /**
     * @param segment segment number.
     * @return the segment's file name.
     */
    public static String segmentFileName(final long segment)
    {
        return String.format("%020d%s", segment, SEGMENT_SUFFIX);
    }

    /**
     * @param segment segment number.
     * @return the segment's index file name.
     */
    public static String indexFileName(final long segment)
    {
        return String.format("%020d%s", segment, INDEX_SUFFIX);
    }

    /**
     * @param frameType a frame type.
     * @return its name, for tools.
     */
    public static String typeName(final int frameType)
    {
        switch (frameType)
        {
            case 0:
                return "FREE";
            case TYPE_CLAIM:
                return "CLAIM";
            case TYPE_DATA:
                return "DATA";
            case TYPE_PAD:
                return "PAD";
            case TYPE_SEALED:
                return "SEALED";
            case TYPE_FILL:
                return "FILL";
            case TYPE_QUARANTINED:
                return "QUARANTINED";
            default:
                return "type-" + frameType;
        }
    }
}
