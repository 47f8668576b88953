package io.ticklane.venue.cme;

import io.ticklane.gateway.GatewayCounters;
import io.ticklane.gateway.LineArbiter;
import io.ticklane.gateway.PacketSource;
import io.ticklane.gateway.ProtocolSession;
import io.ticklane.latency.CounterTypes;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@link CmeSession} as the engine runs it: the session, plus its statistics copied to the shared-memory counters
 * that {@code engine stat} and the console read (the channel's {@link GatewayCounters}; per line received,
 * duplicates, losses and lag; messages per template; per instrument RptSeq gaps, recoveries and stale state), and
 * the lines the run summary prints. The session keeps its statistics in plain fields on its own thread; they are
 * copied in {@link #publishCounters()}, which the gateway agent calls on that thread every
 * {@link io.ticklane.gateway.GatewayAgent#COUNTERS_INTERVAL_NS}.
 * <p>
 * Counters of an instrument are created the first time it is published, up to {@code maxInstrumentCounters} per
 * channel; later instruments are counted in the summary only. Threading: the session's thread (a gateway agent or a
 * replay loop), except {@link #report()} (after it stopped).
 */
public final class CmeChannelCounters implements ProtocolSession
{
    /** Makes a counter in the engine's counters file. */
    @FunctionalInterface
    public interface CounterFactory
    {
        /**
         * @param label  readable label, lower case.
         * @param typeId a {@link CounterTypes} id.
         * @return the counter.
         */
        AtomicCounter newCounter(String label, int typeId);
    }

    /** The templates a CME channel carries that the summary and the counters show. */
    private static final int[] TEMPLATES = {4, 12, 27, 29, 30, 32, 33, 34, 35, 37, 38, 41, 42, 43, 44, 46, 47, 48, 49,
        50, 51, 52, 53, 54, 55, 56};

    private final CmeSession session;
    private final GatewayCounters counters;
    private final CounterFactory factory;
    private final String name;
    private final int maxInstrumentCounters;
    private final AtomicCounter[] lineDuplicates = new AtomicCounter[LineArbiter.MAX_LINES];
    private final AtomicCounter[] templateCounters = new AtomicCounter[TEMPLATES.length];
    private final Int2ObjectHashMap<AtomicCounter[]> instrumentCounters = new Int2ObjectHashMap<>();

    /**
     * Main thread, before the session runs: makes the channel's counters.
     *
     * @param session               the channel's session.
     * @param counters              the channel's standard counters.
     * @param factory               makes further counters.
     * @param name                  the channel's name in labels, e.g. {@code cme.320}.
     * @param maxInstrumentCounters most instruments with counters of their own.
     */
    public CmeChannelCounters(
        final CmeSession session,
        final GatewayCounters counters,
        final CounterFactory factory,
        final String name,
        final int maxInstrumentCounters)
    {
        this.session = session;
        this.counters = counters;
        this.factory = factory;
        this.name = name;
        this.maxInstrumentCounters = maxInstrumentCounters;
        for (int line = 0; line < LineArbiter.MAX_LINES; line++)
        {
            lineDuplicates[line] = factory.newCounter(name + " line " + (line == 0 ? "a" : "b") + " duplicates",
                CounterTypes.LINE_DUPLICATES);
        }
        final MdpSchemaLayout layout = MdpSchemaLayout.instance();
        for (int i = 0; i < TEMPLATES.length; i++)
        {
            templateCounters[i] = factory.newCounter(name + " template " + TEMPLATES[i] + " " +
                layout.templateName(TEMPLATES[i]).toLowerCase(Locale.ROOT) + " messages",
                CounterTypes.VENUE_TEMPLATE_MESSAGES);
        }
    }

    /**
     * @return the session.
     */
    public CmeSession session()
    {
        return session;
    }

    public int venueId()
    {
        return session.venueId();
    }

    public int channelId()
    {
        return session.channelId();
    }

    public void onPacket(
        final int source, final DirectBuffer buffer, final int offset, final int length, final long receiveTimeNs)
    {
        session.onPacket(source, buffer, offset, length, receiveTimeNs);
    }

    public int onTimer(final long nowNs)
    {
        return session.onTimer(nowNs);
    }

    public void publishCounters()
    {
        final LineArbiter arbiter = session.arbiter();
        long packets = 0;
        long refused = 0;
        for (int source = 0; source < PacketSource.COUNT; source++)
        {
            packets += session.packets(source);
            refused += session.refused(source);
        }
        counters.packets().setRelease(packets);
        counters.malformed().setRelease(refused);
        long messages = 0;
        for (int i = 0; i < TEMPLATES.length; i++)
        {
            final long n = session.decoder().messages(TEMPLATES[i]);
            templateCounters[i].setRelease(n);
            messages += n;
        }
        counters.messages().setRelease(messages);
        counters.gaps().setRelease(arbiter.packetsLost());
        counters.sequence().setRelease(Math.max(0, arbiter.expected() - 1));
        long duplicates = 0;
        final long highest = Math.max(arbiter.lineHighest(0), arbiter.lineHighest(1));
        for (int line = 0; line < LineArbiter.MAX_LINES; line++)
        {
            duplicates += arbiter.lineDuplicates(line);
            lineDuplicates[line].setRelease(arbiter.lineDuplicates(line));
            counters.lineReceived()[line].setRelease(arbiter.lineReceived(line));
            counters.lineLosses()[line].setRelease(arbiter.lineLosses(line));
            counters.lineLag()[line].setRelease(highest - arbiter.lineHighest(line));
        }
        counters.duplicates().setRelease(duplicates);
        counters.staleInstruments().setRelease(session.staleInstruments());
        counters.sessionResets().setRelease(session.feedRestarts() + session.channelResets());
        long recoveries = 0;
        final List<CmeInstrument> instruments = session.instruments();
        for (int i = 0; i < instruments.size(); i++)
        {
            final CmeInstrument instrument = instruments.get(i);
            recoveries += instrument.recoveries();
            final AtomicCounter[] own = countersOf(instrument);
            if (null != own)
            {
                own[0].setRelease(instrument.rptSeqGaps());
                own[1].setRelease(instrument.recoveries());
                own[2].setRelease(instrument.stale() ? 1 : 0);
            }
        }
        counters.recoveries().setRelease(recoveries);
    }

    private AtomicCounter[] countersOf(final CmeInstrument instrument)
    {
        final AtomicCounter[] own = instrumentCounters.get(instrument.securityId());
        if (null != own || instrumentCounters.size() >= maxInstrumentCounters)
        {
            return own;
        }
        final String prefix = name + " instrument " + instrument.securityId();
        final AtomicCounter[] made = {
            factory.newCounter(prefix + " rptseq gaps", CounterTypes.INSTRUMENT_SEQUENCE_GAPS),
            factory.newCounter(prefix + " recoveries", CounterTypes.INSTRUMENT_RECOVERIES),
            factory.newCounter(prefix + " stale", CounterTypes.INSTRUMENT_STALE)};
        instrumentCounters.put(instrument.securityId(), made);
        return made;
    }

    /**
     * After the session stopped: what the run summary prints for the channel.
     *
     * @return lines, without line ends.
     */
    public List<String> report()
    {
        final LineArbiter arbiter = session.arbiter();
        final List<String> lines = new ArrayList<>();
        long packets = 0;
        long refused = 0;
        for (int source = 0; source < PacketSource.COUNT; source++)
        {
            packets += session.packets(source);
            refused += session.refused(source);
        }
        if (packets == 0)
        {
            lines.add(name + " no packets");
            return lines;
        }
        final long duplicates = arbiter.lineDuplicates(0) + arbiter.lineDuplicates(1);
        final long incremental = arbiter.lineReceived(0) + arbiter.lineReceived(1);
        lines.add(String.format(Locale.ROOT, "%s packets received %,d  incremental %,d (unique %,d, duplicates %,d)  " +
            "gaps %,d (packets lost %,d)  refused %,d  channel resets %,d  feed restarts %,d", name, packets,
            incremental, incremental - duplicates, duplicates, arbiter.gaps(), arbiter.packetsLost(), refused,
            session.channelResets(), session.feedRestarts()));
        for (int line = 0; line < LineArbiter.MAX_LINES; line++)
        {
            if (arbiter.lineReceived(line) > 0)
            {
                lines.add(String.format(Locale.ROOT, "%s line %s received %,d  duplicates %,d  losses %,d", name,
                    line == 0 ? "A" : "B", arbiter.lineReceived(line), arbiter.lineDuplicates(line),
                    arbiter.lineLosses(line)));
            }
        }
        final StringBuilder templates = new StringBuilder(name + " templates in sequenced packets:");
        for (final int template : TEMPLATES)
        {
            final long n = session.decoder().messages(template);
            if (n > 0)
            {
                templates.append(String.format(Locale.ROOT, " %d x%,d", template, n));
            }
        }
        lines.add(templates.toString());
        long entries = 0;
        long gaps = 0;
        long recoveries = 0;
        int stale = 0;
        for (final CmeInstrument instrument : session.instruments())
        {
            entries += instrument.entries();
            gaps += instrument.rptSeqGaps();
            recoveries += instrument.recoveries();
            stale += instrument.stale() ? 1 : 0;
        }
        lines.add(String.format(Locale.ROOT, "%s instruments %,d  entries %,d  rptseq gaps %,d  recoveries %,d  " +
            "stale now %,d  snapshots applied %,d", name, session.instruments().size(), entries, gaps, recoveries,
            stale, session.snapshots().levelSnapshotsApplied() + session.snapshots().orderSnapshotsApplied()));
        return lines;
    }

    /**
     * After the session stopped: one line per instrument (security id, symbol, entries, RptSeq gaps, recoveries,
     * state), for {@code --depth} summaries.
     *
     * @return lines, without line ends.
     */
    public List<String> instrumentReport()
    {
        final List<String> lines = new ArrayList<>();
        for (final CmeInstrument instrument : session.instruments())
        {
            lines.add(String.format(Locale.ROOT, "%s security %d %-12s entries %,d  rptseq %,d  gaps %,d  " +
                "recoveries %,d  %s", name, instrument.securityId(), instrument.definition().symbol(),
                instrument.entries(), instrument.rptSeq(), instrument.rptSeqGaps(), instrument.recoveries(),
                instrument.stale() ? "STALE" : "live"));
        }
        return lines;
    }
}
