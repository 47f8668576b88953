package io.ticklane.venue.cme;

/**
 * Settings of a {@link CmeSession}, with defaults; validated once by {@link #conclude()}, with an error naming the
 * setting, its value and what is allowed.
 * <p>
 * Single thread (whoever configures the session, before it starts).
 */
public final class CmeSessionOptions
{
    /** Packets held out of order per channel (a power of two). */
    public static final int ARBITRATION_WINDOW_DEFAULT = 256;
    /** How long a hole waits for the other line before it is a gap. */
    public static final long GAP_TIMEOUT_NS_DEFAULT = 10_000_000L;
    /** Largest forward jump of MsgSeqNum one packet may make. */
    public static final long MAX_SEQUENCE_JUMP_DEFAULT = 1 << 20;
    /** Bytes of the most recent incremental packets kept for replay after a snapshot. */
    public static final int RECOVERY_BUFFER_BYTES_DEFAULT = 16 << 20;
    /** Largest packet the arbiter can hold out of order (CME packets fit an Ethernet frame). */
    public static final int MAX_PACKET_LENGTH_DEFAULT = 4096;
    /** Most orders of one instrument's market-by-order snapshot. */
    public static final int MAX_SNAPSHOT_ORDERS_DEFAULT = 1 << 16;

    private int arbitrationWindow = ARBITRATION_WINDOW_DEFAULT;
    private long gapTimeoutNs = GAP_TIMEOUT_NS_DEFAULT;
    private long maxSequenceJump = MAX_SEQUENCE_JUMP_DEFAULT;
    private int recoveryBufferBytes = RECOVERY_BUFFER_BYTES_DEFAULT;
    private int maxPacketLength = MAX_PACKET_LENGTH_DEFAULT;
    private int maxSnapshotOrders = MAX_SNAPSHOT_ORDERS_DEFAULT;
    private boolean applyWithoutSnapshot;
    private boolean staleOnChannelGap;

    public CmeSessionOptions arbitrationWindow(final int packets)
    {
        this.arbitrationWindow = packets;
        return this;
    }

    public CmeSessionOptions gapTimeoutNs(final long gapTimeoutNs)
    {
        this.gapTimeoutNs = gapTimeoutNs;
        return this;
    }

    public CmeSessionOptions maxSequenceJump(final long maxSequenceJump)
    {
        this.maxSequenceJump = maxSequenceJump;
        return this;
    }

    public CmeSessionOptions recoveryBufferBytes(final int bytes)
    {
        this.recoveryBufferBytes = bytes;
        return this;
    }

    public CmeSessionOptions maxPacketLength(final int bytes)
    {
        this.maxPacketLength = bytes;
        return this;
    }

    public CmeSessionOptions maxSnapshotOrders(final int orders)
    {
        this.maxSnapshotOrders = orders;
        return this;
    }

    /**
     * For captures without snapshots: an instrument first seen mid-week (RptSeq above 1) is applied from an empty
     * book anyway instead of waiting for a snapshot. Its market-by-price levels start unknown (a fresh
     * {@link io.ticklane.book.DepthBook}), so a level the capture never determines is never shown as known; its
     * order book misses the orders that rested before the capture began.
     *
     * @param apply true to apply incrementals without a snapshot.
     * @return this.
     */
    public CmeSessionOptions applyWithoutSnapshot(final boolean apply)
    {
        this.applyWithoutSnapshot = apply;
        return this;
    }

    /**
     * The conservative policy for a gap in the channel that no line fills: every instrument turns stale and waits
     * for a snapshot. By default only the instruments that the gap is shown to have touched do (their next RptSeq
     * jumps, a snapshot shows entries they never got, or the gap cut an open event of theirs); an instrument that
     * lost an entry and sends nothing more then looks live until the snapshot loop comes round to it.
     *
     * @param stale true for every instrument of the channel.
     * @return this.
     */
    public CmeSessionOptions staleOnChannelGap(final boolean stale)
    {
        this.staleOnChannelGap = stale;
        return this;
    }

    public boolean staleOnChannelGap()
    {
        return staleOnChannelGap;
    }

    public int arbitrationWindow()
    {
        return arbitrationWindow;
    }

    public long gapTimeoutNs()
    {
        return gapTimeoutNs;
    }

    public long maxSequenceJump()
    {
        return maxSequenceJump;
    }

    public int recoveryBufferBytes()
    {
        return recoveryBufferBytes;
    }

    public int maxPacketLength()
    {
        return maxPacketLength;
    }

    public int maxSnapshotOrders()
    {
        return maxSnapshotOrders;
    }

    public boolean applyWithoutSnapshot()
    {
        return applyWithoutSnapshot;
    }

    /**
     * Validates every setting.
     *
     * @return this.
     * @throws IllegalArgumentException naming the setting, the value and what is allowed.
     */
    public CmeSessionOptions conclude()
    {
        check(Integer.bitCount(arbitrationWindow) == 1 && arbitrationWindow <= 1 << 16, "arbitration window",
            arbitrationWindow, "a power of two, 1..65536");
        check(gapTimeoutNs >= 0, "gap timeout ns", gapTimeoutNs, ">= 0");
        check(maxSequenceJump >= 1, "max sequence jump", maxSequenceJump, ">= 1");
        check(maxPacketLength >= MdpPacketDescriptor.HEADER_LENGTH &&
            maxPacketLength <= MdpPacketDescriptor.MAX_PACKET_LENGTH, "max packet length", maxPacketLength,
            MdpPacketDescriptor.HEADER_LENGTH + ".." + MdpPacketDescriptor.MAX_PACKET_LENGTH);
        check(recoveryBufferBytes >= 2 * (maxPacketLength + 24), "recovery buffer bytes", recoveryBufferBytes,
            "at least two packets of the max packet length");
        check(maxSnapshotOrders >= 1, "max snapshot orders", maxSnapshotOrders, ">= 1");
        return this;
    }

    private static void check(final boolean ok, final String name, final long value, final String allowed)
    {
        if (!ok)
        {
            throw new IllegalArgumentException("cme session " + name + " " + value + "; allowed: " + allowed);
        }
    }
}
