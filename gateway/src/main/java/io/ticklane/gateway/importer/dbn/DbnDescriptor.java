package io.ticklane.gateway.importer.dbn;

/**
 * Layout of Databento's DBN encoding, versions 1 to 3, as far as this project reads it (the public {@code dbn} crate
 * is the reference). A file is a prelude, a metadata block and then fixed-size little-endian records:
 * <pre>
 *   0        3   4         8
 *   +--------+---+---------+-------------------------------+------------------------------
 *   | "DBN"  | v | length  | metadata (length bytes)       | records ...
 *   +--------+---+---------+-------------------------------+------------------------------
 * </pre>
 * Every record starts with the same 16-byte header; its first byte is the record's length in 4-byte words:
 * <pre>
 *   0        1       2              4                8                        16
 *   +--------+-------+--------------+----------------+------------------------+
 *   | length | rtype | publisher_id | instrument_id  | ts_event (ns, epoch)   |
 *   | u8 *4  | u8    | u16          | u32            | u64                    |
 *   +--------+-------+--------------+----------------+------------------------+
 * </pre>
 * MBO (rtype 0xA0, 56 bytes, all versions):
 * <pre>
 *   16 order_id u64 | 24 price i64 (1e-9) | 32 size u32 | 36 flags u8 | 37 channel_id u8 | 38 action char
 *   39 side char | 40 ts_recv u64 | 48 ts_in_delta i32 | 52 sequence u32
 * </pre>
 * MBP-1 (0x01, 80 bytes) and MBP-10 (0x0A, 368 bytes), all versions:
 * <pre>
 *   16 price i64 | 24 size u32 | 28 action char | 29 side char | 30 flags u8 | 31 depth u8 | 32 ts_recv u64
 *   40 ts_in_delta i32 | 44 sequence u32 | 48 levels: n x (bid_px i64, ask_px i64, bid_sz u32, ask_sz u32,
 *   bid_ct u32, ask_ct u32), 32 bytes each, level 0 the best
 * </pre>
 * Instrument definition (0x13; 360 bytes in v1, 400 in v2, 520 in v3): {@code min_price_increment} i64 at 24 and
 * {@code display_factor} i64 at 32 in every version; {@code market_depth} i32 at 128 (v1), 136 (v2), 148 (v3);
 * {@code raw_symbol} at 200 (v1: 22 bytes; v2: 71) or 238 (v3: 71).
 * <p>
 * Flags: {@link #FLAG_LAST} ends a venue event, {@link #FLAG_SNAPSHOT} marks records of a book snapshot.
 */
public final class DbnDescriptor
{
    /** "DBN" then the version byte. */
    public static final int PRELUDE_LENGTH = 8;
    /** Highest version read. */
    public static final int MAX_VERSION = 3;
    /** Bytes of the common record header. */
    public static final int HEADER_LENGTH = 16;
    /** Longest record (a v3 definition with a ts_out appended). */
    public static final int MAX_RECORD_LENGTH = 255 * 4;

    public static final int LENGTH_OFFSET = 0;
    public static final int RTYPE_OFFSET = 1;
    public static final int PUBLISHER_OFFSET = 2;
    public static final int INSTRUMENT_ID_OFFSET = 4;
    public static final int TS_EVENT_OFFSET = 8;

    public static final int RTYPE_MBP_0 = 0x00;
    public static final int RTYPE_MBP_1 = 0x01;
    public static final int RTYPE_MBP_10 = 0x0A;
    public static final int RTYPE_STATUS = 0x12;
    public static final int RTYPE_DEFINITION = 0x13;
    public static final int RTYPE_IMBALANCE = 0x14;
    public static final int RTYPE_ERROR = 0x15;
    public static final int RTYPE_SYMBOL_MAPPING = 0x16;
    public static final int RTYPE_SYSTEM = 0x17;
    public static final int RTYPE_STATISTICS = 0x18;
    public static final int RTYPE_MBO = 0xA0;

    // MBO
    public static final int MBO_ORDER_ID_OFFSET = 16;
    public static final int MBO_PRICE_OFFSET = 24;
    public static final int MBO_SIZE_OFFSET = 32;
    public static final int MBO_FLAGS_OFFSET = 36;
    public static final int MBO_CHANNEL_OFFSET = 37;
    public static final int MBO_ACTION_OFFSET = 38;
    public static final int MBO_SIDE_OFFSET = 39;
    public static final int MBO_TS_RECV_OFFSET = 40;
    public static final int MBO_SEQUENCE_OFFSET = 52;
    public static final int MBO_LENGTH = 56;

    // MBP-1 / MBP-10
    public static final int MBP_PRICE_OFFSET = 16;
    public static final int MBP_SIZE_OFFSET = 24;
    public static final int MBP_ACTION_OFFSET = 28;
    public static final int MBP_SIDE_OFFSET = 29;
    public static final int MBP_FLAGS_OFFSET = 30;
    public static final int MBP_DEPTH_OFFSET = 31;
    public static final int MBP_TS_RECV_OFFSET = 32;
    public static final int MBP_SEQUENCE_OFFSET = 44;
    public static final int MBP_LEVELS_OFFSET = 48;
    public static final int MBP_LEVEL_LENGTH = 32;
    public static final int LEVEL_BID_PX_OFFSET = 0;
    public static final int LEVEL_ASK_PX_OFFSET = 8;
    public static final int LEVEL_BID_SZ_OFFSET = 16;
    public static final int LEVEL_ASK_SZ_OFFSET = 20;
    public static final int LEVEL_BID_CT_OFFSET = 24;
    public static final int LEVEL_ASK_CT_OFFSET = 28;
    public static final int MBP_1_LENGTH = MBP_LEVELS_OFFSET + MBP_LEVEL_LENGTH;
    public static final int MBP_10_LENGTH = MBP_LEVELS_OFFSET + 10 * MBP_LEVEL_LENGTH;

    // definitions
    public static final int DEF_TS_RECV_OFFSET = 16;
    public static final int DEF_MIN_PRICE_INCREMENT_OFFSET = 24;
    public static final int DEF_DISPLAY_FACTOR_OFFSET = 32;

    /** Record flag: last record of a venue event. */
    public static final int FLAG_LAST = 1 << 7;
    /** Record flag: top of book. */
    public static final int FLAG_TOB = 1 << 6;
    /** Record flag: part of a book snapshot. */
    public static final int FLAG_SNAPSHOT = 1 << 5;
    /** Record flag: aggregated price level. */
    public static final int FLAG_MBP = 1 << 4;

    /** Fixed-point scale of every DBN price: 1e-9. */
    public static final int PRICE_EXPONENT = -9;
    /** "No price". */
    public static final long UNDEF_PRICE = Long.MAX_VALUE;

    private DbnDescriptor()
    {
    }

    /**
     * @param version DBN version 1..3.
     * @return offset of {@code market_depth} in a definition record.
     */
    public static int definitionDepthOffset(final int version)
    {
        return version == 1 ? 128 : version == 2 ? 136 : 148;
    }

    /**
     * @param version DBN version 1..3.
     * @return offset of {@code raw_symbol} in a definition record.
     */
    public static int definitionSymbolOffset(final int version)
    {
        return version == 3 ? 238 : 200;
    }

    /**
     * @param version DBN version 1..3.
     * @return bytes of a symbol string in this version's records and metadata.
     */
    public static int symbolLength(final int version)
    {
        return version == 1 ? 22 : 71;
    }

    /**
     * @param rtype a record type.
     * @return its short name, e.g. {@code mbo}.
     */
    public static String rtypeName(final int rtype)
    {
        switch (rtype)
        {
            case RTYPE_MBP_0: return "trade";
            case RTYPE_MBP_1: return "mbp-1";
            case RTYPE_MBP_10: return "mbp-10";
            case RTYPE_STATUS: return "status";
            case RTYPE_DEFINITION: return "definition";
            case RTYPE_IMBALANCE: return "imbalance";
            case RTYPE_ERROR: return "error";
            case RTYPE_SYMBOL_MAPPING: return "symbol-mapping";
            case RTYPE_SYSTEM: return "system";
            case RTYPE_STATISTICS: return "statistics";
            case RTYPE_MBO: return "mbo";
            default: return String.format("rtype-0x%02x", rtype);
        }
    }
}
