package io.ticklane.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The synthetic feed ({@code engine feed}, {@code engine demo}) and the instruments it publishes.
 *
 * @param ratePerSecond     events per second (messages, not packets).
 * @param messagesPerPacket most messages packed into one packet.
 * @param seed              random seed; the same seed gives the same order flow.
 * @param instruments       instruments to publish.
 * @param snapshotIntervalNs time between snapshot rounds on the snapshot stream (every instrument per round).
 * @param lossA             probability a packet is not sent on line A only (loss injection for drills).
 * @param lossB             probability a packet is not sent on line B only.
 * @param lossBoth          probability a packet is sent on neither line (a real gap).
 * @param malformed         probability a corrupt copy precedes a packet on line A (validation drills).
 */
public record SimulatorSettings(
    long ratePerSecond,
    int messagesPerPacket,
    long seed,
    List<InstrumentSpec> instruments,
    long snapshotIntervalNs,
    double lossA,
    double lossB,
    double lossBoth,
    double malformed)
{
    /** Symbols published when {@code instruments} is not configured. */
    public static final List<String> DEFAULT_SYMBOLS = List.of("AAPL", "MSFT", "ESZ6", "EURUSD");

    static SimulatorSettings from(final ConfigSource source, final int bookAgents, final int channels)
    {
        final List<String> symbols = source.getList("instruments", DEFAULT_SYMBOLS);
        if (symbols.isEmpty())
        {
            throw ConfigException.invalid("instruments", "", "a comma-separated list of at least one symbol");
        }
        for (int i = 0; i < symbols.size(); i++)
        {
            if (symbols.indexOf(symbols.get(i)) != i)
            {
                throw ConfigException.invalid("instruments", String.join(",", symbols),
                    "distinct symbols ('" + symbols.get(i) + "' is listed twice; each symbol is one book)");
            }
        }
        final List<InstrumentSpec> instruments = new ArrayList<>();
        for (int i = 0; i < symbols.size(); i++)
        {
            instruments.add(instrument(source, symbols.get(i), i, bookAgents, channels));
        }
        for (int i = 0; i < instruments.size(); i++)
        {
            for (int j = i + 1; j < instruments.size(); j++)
            {
                if (instruments.get(i).id() == instruments.get(j).id())
                {
                    final String key = "instrument." + instruments.get(j).symbol() + ".id";
                    throw ConfigException.invalid(key, Integer.toString(instruments.get(j).id()),
                        "an id not used by another instrument (" + instruments.get(i).symbol() + " has it)");
                }
            }
        }
        return new SimulatorSettings(
            source.getLong("sim.rate", 100_000, 1, 50_000_000),
            source.getInt("sim.batch", 4, 1, 64),
            source.getLong("sim.seed", 42, Long.MIN_VALUE, Long.MAX_VALUE),
            List.copyOf(instruments),
            source.getDurationNs("sim.snapshot.interval", 1_000_000_000L, 10_000_000L, 3_600_000_000_000L),
            source.getDouble("sim.loss.a", 0, 0, 1),
            source.getDouble("sim.loss.b", 0, 0, 1),
            source.getDouble("sim.loss.both", 0, 0, 1),
            source.getDouble("sim.malformed", 0, 0, 1));
    }

    private static InstrumentSpec instrument(
        final ConfigSource source, final String symbol, final int index, final int bookAgents, final int channels)
    {
        if (symbol.length() > 16 || !symbol.chars().allMatch(c -> c > 32 && c < 127))
        {
            throw ConfigException.invalid("instruments", symbol, "symbols of 1 to 16 printable ASCII characters");
        }
        final String prefix = "instrument." + symbol + ".";
        final Defaults d = Defaults.of(symbol);
        final long tick = source.getLong(prefix + "tick", d.tick, 1, 1L << 40);
        final long reference = source.getLong(prefix + "reference", d.reference, 1, 1L << 60);
        if (reference % tick != 0)
        {
            throw ConfigException.invalid(prefix + "reference", Long.toString(reference),
                "a multiple of " + prefix + "tick (" + tick + ")");
        }
        return new InstrumentSpec(
            symbol,
            source.getInt(prefix + "id", index + 1, 1, Integer.MAX_VALUE),
            tick,
            source.getInt(prefix + "exponent", d.exponent, -18, 0),
            reference,
            source.getInt(prefix + "band", 4096, 16, 1 << 22),
            source.getInt(prefix + "agent", index % bookAgents, 0, bookAgents - 1),
            source.getInt(prefix + "channel", index % channels, 0, channels - 1));
    }

    private record Defaults(long tick, int exponent, long reference)
    {
        static Defaults of(final String symbol)
        {
            switch (symbol)
            {
                case "AAPL": return new Defaults(100, -4, 1_850_000);
                case "MSFT": return new Defaults(100, -4, 4_100_000);
                case "ESZ6": return new Defaults(25, -2, 600_025);
                case "EURUSD": return new Defaults(1, -5, 108_500);
                default: return new Defaults(100, -4, 1_000_000);
            }
        }
    }
}
