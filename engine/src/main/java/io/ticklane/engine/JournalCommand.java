package io.ticklane.engine;

import io.ticklane.config.EngineConfig;
import io.ticklane.config.JournalSettings;
import io.ticklane.gateway.FeedDecoder;
import io.ticklane.gateway.FeedHandler;
import io.ticklane.gateway.JournalRecordTypes;
import io.ticklane.gateway.PacketSource;
import io.ticklane.venue.cme.MdpPacketPrinter;
import io.ticklane.gateway.PacketHeaderDescriptor;
import io.ticklane.gateway.sbe.AddOrderDecoder;
import io.ticklane.gateway.sbe.BookClearDecoder;
import io.ticklane.gateway.sbe.DeleteOrderDecoder;
import io.ticklane.gateway.sbe.ExecuteOrderDecoder;
import io.ticklane.gateway.sbe.HeartbeatDecoder;
import io.ticklane.gateway.sbe.InstrumentDefinitionDecoder;
import io.ticklane.gateway.sbe.ModifyOrderDecoder;
import io.ticklane.gateway.sbe.SnapshotBeginDecoder;
import io.ticklane.gateway.sbe.SnapshotEndDecoder;
import io.ticklane.gateway.sbe.SnapshotOrderDecoder;
import io.ticklane.gateway.sbe.SnapshotOrdersDecoder;
import io.ticklane.gateway.sbe.TradeDecoder;
import io.ticklane.journal.DamageHandler;
import io.ticklane.journal.Durability;
import io.ticklane.journal.FrameVisitor;
import io.ticklane.journal.Journal;
import io.ticklane.journal.JournalDescriptor;
import io.ticklane.journal.JournalException;
import io.ticklane.journal.JournalOptions;
import io.ticklane.journal.JournalReader;
import io.ticklane.journal.JournalRepair;
import io.ticklane.journal.JournalVerifier;
import org.agrona.DirectBuffer;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.ticklane.journal.JournalDescriptor.*;

/**
 * {@code engine journal info|verify|dump|tail|repair [DIR]}: the operator's view of a journal, from any process while
 * writers run. Every action but {@code repair} opens the journal read-only and changes no byte of it, so it works on
 * an archive on read-only media. {@code info}, {@code verify} and {@code dump} exit 1 when they find damage, naming
 * its segment file and offset; {@code repair} exits 0 only when the journal verifies clean afterwards.
 */
final class JournalCommand implements SpecifiedCommand
{
    private static final long TAIL_IDLE_NS = 1_000_000L;
    private static final List<String> ACTIONS = List.of("info", "verify", "dump", "tail", "repair");

    private static final CommandSpec SPEC = CommandSpec.builder("journal",
        "inspect a journal: info, verify, dump, tail -f, repair")
        .description(
            "  info     metadata, segments, counters, panic state, damage and the record count; exit 1 on damage",
            "  verify   check the structure and CRC32C of every frame; exit 1 on corruption, naming segment+offset",
            "  dump     print frames: feed packets decoded through the feed schema, others in hex",
            "  tail     print frames as they are committed (tail -f); stops on Ctrl-C or after --duration",
            "  repair   quarantine damage and clear the panicked state (stop every writer first; docs/JOURNAL.md)",
            "All but repair open the journal read-only and never change it.")
        .positional("ACTION", "one of info, verify, dump, tail, repair (required)")
        .positional("DIR", "journal directory, the same as --path DIR (default: journal.path, data/journal)")
        .option("path", "DIR", "journal directory (default: journal.path, data/journal)")
        .option("from", "POS", "dump/tail: start at the frame holding this position (default: start; tail: end)")
        .option("from-time", "NS", "dump/tail: start at the first frame stamped at or after this (ns)")
        .option("count", "N", "dump/tail: stop after N frames")
        .option("duration", "D", "tail: stop after this long")
        .flag("hex", "dump/tail: print payloads in hex, even feed packets")
        .flag("follow", "tail: follow (also -f, accepted for habit; tail always follows)")
        .build();

    public CommandSpec spec()
    {
        return SPEC;
    }

    public int run(final String[] args, final PrintStream out, final PrintStream err) throws Exception
    {
        final String[] rewritten = new String[args.length];
        for (int i = 0; i < args.length; i++)
        {
            rewritten[i] = args[i].equals("-f") ? "--follow" : args[i];
        }
        return SpecifiedCommand.super.run(rewritten, out, err);
    }

    public int run(final CommandLine line, final PrintStream out, final PrintStream err)
    {
        if (line.positional().isEmpty())
        {
            throw new UsageException("which action? one of " + String.join(", ", ACTIONS) +
                " (see 'engine journal --help')");
        }
        final String action = line.positional().get(0);
        if (!ACTIONS.contains(action))
        {
            throw new UsageException("unknown action '" + action + "' for 'engine journal'; allowed: " +
                String.join(", ", ACTIONS));
        }
        final Map<String, String> extra = new HashMap<>();
        final String path = journalPath(line, action);
        if (null != path)
        {
            extra.put("journal.path", path);
        }
        final EngineConfig config = line.config(extra);
        final JournalOptions readOnly = options(config.journal()).readOnly(true);
        switch (action)
        {
            case "info":
                return withJournal(readOnly, err, journal -> info(journal, out));
            case "verify":
                return withJournal(readOnly, err, journal -> verify(journal, out, err));
            case "dump":
                return withJournal(readOnly, err, journal -> dump(journal, line, out, false, null));
            case "tail":
                return withJournal(readOnly, err, journal -> dump(journal, line, out, true, new StopSignal()));
            default:
                return withJournal(options(config.journal()).create(false).housekeeper(false), err, journal ->
                {
                    final JournalRepair.Report report = journal.repair();
                    out.println(report);
                    return report.clean() ? 0 : 1;
                });
        }
    }

    /**
     * The journal directory, given as {@code --path DIR} or as the one positional argument after the action.
     *
     * @return the directory given, or null for the configured one.
     */
    private static String journalPath(final CommandLine line, final String action)
    {
        final List<String> positional = line.positional();
        if (positional.size() > 2)
        {
            throw new UsageException("unexpected argument '" + positional.get(2) + "' for 'engine journal " + action +
                "'; give the journal directory once, as DIR or --path DIR");
        }
        final String given = positional.size() == 2 ? positional.get(1) : null;
        if (null != given && line.has("path") && !given.equals(line.get("path", "")))
        {
            throw new UsageException("two journal directories for 'engine journal " + action + "': '" + given +
                "' and --path '" + line.get("path", "") + "'; give one");
        }
        return null != given ? given : line.has("path") ? line.get("path", "") : null;
    }

    /**
     * Maps the configuration section onto the journal's options (the journal module knows nothing of config).
     *
     * @param settings the journal section.
     * @return options for {@link Journal#open}.
     */
    static JournalOptions options(final JournalSettings settings)
    {
        return new JournalOptions(Path.of(settings.path()))
            .maxSizeBytes(settings.maxSizeBytes())
            .chunkSize(settings.chunkSize())
            .segmentSize(settings.segmentSize())
            .indexStride(settings.indexStride())
            .mappedWindows(settings.mappedWindows())
            .retainSegments(settings.retainSegments())
            .retainBytes(settings.retainBytes())
            .retainAgeNs(settings.retainAgeNs())
            .durability(Durability.fromConfigName(settings.durability()))
            .flushIntervalNs(settings.flushIntervalNs())
            .claimTimeoutNs(settings.claimTimeoutNs())
            .createTimeoutNs(settings.createTimeoutNs())
            .lockTimeoutNs(settings.lockTimeoutNs())
            .prefaultAheadBytes(settings.prefaultAheadBytes())
            .preallocate(settings.preallocate());
    }

    @FunctionalInterface
    private interface JournalAction
    {
        int run(Journal journal) throws Exception;
    }

    private static int withJournal(final JournalOptions options, final PrintStream err, final JournalAction action)
    {
        if (!Files.exists(options.directory().resolve(METADATA_FILE_NAME)))
        {
            throw new UsageException("no journal at " + options.directory().toAbsolutePath() +
                " (give DIR, --path DIR or set journal.path)");
        }
        try (Journal journal = Journal.open(options))
        {
            return action.run(journal);
        }
        catch (final JournalException ex)
        {
            err.println("engine journal: " + ex.getMessage());
            return 1;
        }
        catch (final RuntimeException ex)
        {
            throw ex;
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static int info(final Journal journal, final PrintStream out)
    {
        out.printf("journal      %s (opened read-only)%n", journal.directory().toAbsolutePath());
        out.printf("format       version %d, chunk %,d B, segment %,d B, index stride %,d B%n",
            JournalDescriptor.VERSION, journal.chunkSize(), journal.segmentSize(), journal.indexStride());
        out.printf("created      %s by pid %d%n", Instant.ofEpochMilli(journal.createdEpochMs()), journal.creatorPid());
        out.printf("positions    start %,d  cursor %,d  grown %,d  scanned %,d  flushed %,d%n",
            journal.startPosition(), journal.endPosition(), journal.grownLimit(), journal.scannedPosition(),
            journal.flushedPosition());
        final long grown = journal.grownLimit();
        final long last = grown == 0 ? -1 : (grown - 1) / journal.segmentSize();
        out.printf("segments     %d live (%d to %d), %d deleted by retention%n", Math.max(0, last -
            journal.firstSegment() + 1), journal.firstSegment(), last, journal.counter(SEGMENTS_DELETED_OFFSET));
        for (long segment = journal.firstSegment(); segment <= last; segment++)
        {
            final Path path = journal.segmentPath(segment);
            out.printf("  %s  %,d bytes%n", path.getFileName(), Files.exists(path) ? sizeOf(path) : -1);
        }
        out.printf("counters     sealed claims %d, growth failures %d, lock breaks %d, recoveries %d%n",
            journal.counter(SEALED_CLAIMS_OFFSET), journal.counter(GROWTH_FAILURES_OFFSET),
            journal.counter(LOCK_BREAKS_OFFSET), journal.counter(RECOVERIES_OFFSET));
        out.printf("readers      %d registered by live processes%n", journal.liveReaders());
        out.printf("panicked     %s%n", journal.panicReason() == PANIC_NONE ? "no" : "YES: " +
            journal.describePanic());
        out.printf("open         %s%n", journal.recovery().summary());
        final long[] counts = new long[6];
        final List<String> damage = new ArrayList<>();
        journal.walk(journal.startPosition(), Math.min(journal.endPosition(), grown), new FrameVisitor()
        {
            public void onData(final long position, final int recordType, final long timestampNs,
                final DirectBuffer buffer, final int offset, final int length, final boolean crcValid)
            {
                counts[0]++;
                counts[1] += length;
                if (!crcValid)
                {
                    damage.add("CRC32C mismatch in the frame at " + journal.describe(position));
                }
            }

            public void onPadding(final long position, final int frameLength, final int frameType)
            {
                counts[frameType == TYPE_QUARANTINED ? 4 : 2]++;
            }

            public void onUncommitted(final long position, final int frameLength, final boolean headerSeen)
            {
                counts[3]++;
            }

            public void onBroken(final long position, final long word, final long resumeAt)
            {
                damage.add("broken frame header at " + journal.describe(position) + ": " + (resumeAt - position) +
                    " bytes unreadable");
            }

            public void onMissing(final long position, final long length)
            {
                damage.add(length + " bytes missing from the segment file at " + journal.describe(position));
            }
        });
        out.printf("records      %,d (%,d payload bytes), %,d padding frames, %,d uncommitted claims, %,d " +
            "quarantined regions%n", counts[0], counts[1], counts[2], counts[3], counts[4]);
        out.printf("damage       %s%n", damage.isEmpty() ? "none found" : damage.size() + " place(s): " +
            String.join("; ", damage.subList(0, Math.min(10, damage.size()))) +
            "; run 'engine journal verify' for all, 'engine journal repair' (writers stopped) to quarantine them");
        return damage.isEmpty() && journal.panicReason() == PANIC_NONE ? 0 : 1;
    }

    private static long sizeOf(final Path path)
    {
        try
        {
            return Files.size(path);
        }
        catch (final java.io.IOException ex)
        {
            return -1;
        }
    }

    private static int verify(final Journal journal, final PrintStream out, final PrintStream err)
    {
        final long startNs = System.nanoTime();
        final JournalVerifier.Report report = JournalVerifier.verify(journal, position ->
            err.printf("[verify] at position %,d of %,d%n", position, journal.endPosition()));
        for (final JournalVerifier.Problem problem : report.problems())
        {
            out.println(problem);
        }
        out.printf("verified [%,d, %,d) of %s in %.2fs: %,d data frames (%,d payload bytes), %,d padding " +
            "(%,d sealed claims), %,d uncommitted claims, %,d quarantined regions, %d error(s)%n",
            report.fromPosition(), report.toPosition(), journal.directory(), (System.nanoTime() - startNs) / 1e9,
            report.dataFrames(), report.dataBytes(), report.paddingFrames(), report.sealedFrames(),
            report.uncommitted(), report.quarantinedFrames(), report.errors());
        return report.ok() ? 0 : 1;
    }

    private static int dump(final Journal journal, final CommandLine line, final PrintStream out,
        final boolean follow, final StopSignal stop)
    {
        final long count = line.longValue("count", Long.MAX_VALUE, 1, Long.MAX_VALUE);
        final long from;
        if (line.has("from-time"))
        {
            from = journal.seekTime(line.longValue("from-time", 0, Long.MIN_VALUE, Long.MAX_VALUE));
        }
        else if (line.has("from"))
        {
            from = journal.seekPosition(line.longValue("from", 0, 0, Long.MAX_VALUE));
        }
        else
        {
            from = follow ? journal.endPosition() : journal.startPosition();
        }
        final FramePrinter printer = new FramePrinter(out, line.has("hex"));
        try
        {
            if (!follow)
            {
                final boolean[] damaged = new boolean[1];
                journal.walk(from, Math.min(journal.endPosition(), journal.grownLimit()), new FrameVisitor()
                {
                    public void onData(final long position, final int recordType, final long timestampNs,
                        final DirectBuffer buffer, final int offset, final int length, final boolean crcValid)
                    {
                        damaged[0] |= !crcValid;
                        printer.print(recordType, timestampNs, buffer, offset, length, position, crcValid);
                    }

                    public void onUncommitted(final long position, final int frameLength, final boolean headerSeen)
                    {
                        out.printf("@%d uncommitted claim of %d bytes%n", position, frameLength);
                    }

                    public void onPadding(final long position, final int frameLength, final int frameType)
                    {
                        if (frameType == TYPE_QUARANTINED)
                        {
                            out.printf("@%d QUARANTINED region of %d bytes (damage repair kept) at %s%n", position,
                                frameLength, journal.describe(position));
                        }
                    }

                    public void onBroken(final long position, final long word, final long resumeAt)
                    {
                        damaged[0] = true;
                        out.printf("@%d BROKEN header 0x%x at %s: %d bytes unreadable up to @%d%n", position, word,
                            journal.describe(position), resumeAt - position, resumeAt);
                    }

                    public void onMissing(final long position, final long length)
                    {
                        damaged[0] = true;
                        out.printf("@%d MISSING %d bytes from the segment file at %s%n", position, length,
                            journal.describe(position));
                    }

                    public boolean keepGoing()
                    {
                        return printer.printed < count;
                    }
                });
                return damaged[0] ? 1 : 0;
            }
            final long durationNs = line.durationNs("duration", Long.MAX_VALUE);
            final long deadlineNs = System.nanoTime() + durationNs;
            try (JournalReader reader = journal.newReader(from).skipDamage((kind, position, length, word) ->
                out.printf("@%d %s: %d bytes skipped at %s%n", position, DamageHandler.kindName(kind), length,
                journal.describe(position))))
            {
                out.printf("[tail] following %s from position %,d (Ctrl-C to stop)%n", journal.directory(), from);
                while (printer.printed < count && !stop.requested() && System.nanoTime() - deadlineNs < 0)
                {
                    if (reader.poll((type, time, buffer, offset, length, position) ->
                        printer.print(type, time, buffer, offset, length, position, true), 256) == 0)
                    {
                        stop.await(TAIL_IDLE_NS);
                    }
                }
            }
            return 0;
        }
        finally
        {
            if (null != stop)
            {
                stop.finished();
            }
        }
    }

    /**
     * Prints one frame: a feed packet decoded message by message, anything else as hex.
     */
    static final class FramePrinter implements FeedHandler
    {
        private static final int HEX_BYTES_PER_LINE = 32;
        private final PrintStream out;
        private final boolean hex;
        private final FeedDecoder decoder = new FeedDecoder();
        private final MdpPacketPrinter mdp = new MdpPacketPrinter();
        private final StringBuilder text = new StringBuilder();
        long printed;

        FramePrinter(final PrintStream out, final boolean hex)
        {
            this.out = out;
            this.hex = hex;
        }

        void print(final int recordType, final long timestampNs, final DirectBuffer buffer, final int offset,
            final int length, final long position, final boolean crcValid)
        {
            printed++;
            out.printf("@%d %s time %d length %d%s%n", position, recordName(recordType), timestampNs, length,
                crcValid ? "" : " CRC MISMATCH");
            final int kind = JournalRecordTypes.kind(recordType);
            if (!hex && crcValid && JournalRecordTypes.venue(recordType) == JournalRecordTypes.VENUE_CME &&
                JournalRecordTypes.source(kind) >= 0)
            {
                text.setLength(0);
                mdp.print(buffer, offset, length, text);
                out.print(text);
                return;
            }
            if (!hex && crcValid && JournalRecordTypes.venue(recordType) == JournalRecordTypes.VENUE_TICKLANE &&
                (kind == JournalRecordTypes.FEED_PACKET ||
                kind == JournalRecordTypes.FEED_PACKET_B || kind == JournalRecordTypes.SNAPSHOT_PACKET))
            {
                final int result = decoder.validate(buffer, offset, length);
                if (result == FeedDecoder.OK)
                {
                    out.printf("  packet channel %d seq %d sent %d messages %d%n",
                        PacketHeaderDescriptor.channelId(buffer, offset),
                        PacketHeaderDescriptor.sequence(buffer, offset),
                        PacketHeaderDescriptor.sendingTimeNs(buffer, offset),
                        PacketHeaderDescriptor.messageCount(buffer, offset));
                    decoder.dispatch(buffer, offset, length, this);
                    return;
                }
                out.printf("  not a valid feed packet (%s): hex follows%n", FeedDecoder.resultName(result));
            }
            printHex(buffer, offset, length);
        }

        private static String recordName(final int recordType)
        {
            final int kind = JournalRecordTypes.kind(recordType);
            if (kind == JournalRecordTypes.ENGINE_START)
            {
                return "engine-start";
            }
            final String where = JournalRecordTypes.venueName(JournalRecordTypes.venue(recordType)) + " ch" +
                JournalRecordTypes.channelId(recordType);
            final int source = JournalRecordTypes.source(kind);
            if (source >= 0)
            {
                return PacketSource.name(source) + " " + where;
            }
            return kind == JournalRecordTypes.GAP_TIMER ? "gap-timer " + where : "type " + recordType;
        }

        private void printHex(final DirectBuffer buffer, final int offset, final int length)
        {
            final StringBuilder sb = new StringBuilder();
            for (int i = 0; i < length; i += HEX_BYTES_PER_LINE)
            {
                sb.setLength(0);
                sb.append(String.format("  %06x ", i));
                for (int j = i; j < Math.min(length, i + HEX_BYTES_PER_LINE); j++)
                {
                    sb.append(String.format("%02x", buffer.getByte(offset + j) & 0xFF));
                    if ((j & 3) == 3)
                    {
                        sb.append(' ');
                    }
                }
                out.println(sb);
            }
        }

        public void onInstrumentDefinition(final InstrumentDefinitionDecoder message)
        {
            out.println("  " + message);
        }

        public void onAddOrder(final AddOrderDecoder message)
        {
            out.println("  " + message);
        }

        public void onModifyOrder(final ModifyOrderDecoder message)
        {
            out.println("  " + message);
        }

        public void onDeleteOrder(final DeleteOrderDecoder message)
        {
            out.println("  " + message);
        }

        public void onExecuteOrder(final ExecuteOrderDecoder message)
        {
            out.println("  " + message);
        }

        public void onTrade(final TradeDecoder message)
        {
            out.println("  " + message);
        }

        public void onBookClear(final BookClearDecoder message)
        {
            out.println("  " + message);
        }

        public void onSnapshotBegin(final SnapshotBeginDecoder message)
        {
            out.println("  " + message);
        }

        public void onSnapshotOrder(final SnapshotOrderDecoder message)
        {
            out.println("  " + message);
        }

        public void onSnapshotOrders(final SnapshotOrdersDecoder message)
        {
            out.println("  " + message);
        }

        public void onSnapshotEnd(final SnapshotEndDecoder message)
        {
            out.println("  " + message);
        }

        public void onHeartbeat(final HeartbeatDecoder message)
        {
            out.println("  " + message);
        }
    }
}
