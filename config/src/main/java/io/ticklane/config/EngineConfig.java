package io.ticklane.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The whole engine configuration, read once at start and validated completely before anything runs: a bad value
 * stops the engine with a {@link ConfigException} that names the key. Keys are documented in README.md
 * (Configuration) and in {@code config/ticklane.example.properties}.
 * <p>
 * Immutable once built; safe to share between threads.
 */
public final class EngineConfig
{
    /** Where an operator finds the list of valid keys. */
    public static final String KEYS_HINT = "the keys listed in README.md, section Configuration";

    private final DriverSettings driver;
    private final FeedSettings feed;
    private final BookSettings book;
    private final JournalSettings journal;
    private final LatencySettings latency;
    private final SimulatorSettings simulator;
    private final ConsoleSettings console;
    private final VenueSettings venue;
    private final PublishSettings publish;
    private final List<AgentSpec> gatewayAgents;
    private final List<AgentSpec> bookAgents;
    private final AgentSpec logAgent;
    private final AgentSpec feedAgent;
    private final int cpuCount;

    private EngineConfig(final ConfigSource source, final int cpuCount)
    {
        this.cpuCount = cpuCount;
        driver = DriverSettings.from(source);
        feed = FeedSettings.from(source);
        book = BookSettings.from(source);
        journal = JournalSettings.from(source);
        latency = LatencySettings.from(source);
        simulator = SimulatorSettings.from(source, book.agents(), feed.channels());
        console = ConsoleSettings.from(source);
        venue = VenueSettings.from(source);
        publish = PublishSettings.from(source);
        final List<AgentSpec> gateways = new ArrayList<>();
        for (int i = 0; i < feed.channels(); i++)
        {
            gateways.add(agent(source, "gateway." + i, "backoff"));
        }
        gatewayAgents = Collections.unmodifiableList(gateways);
        final List<AgentSpec> books = new ArrayList<>();
        for (int i = 0; i < book.agents(); i++)
        {
            books.add(agent(source, "book." + i, "backoff"));
        }
        bookAgents = Collections.unmodifiableList(books);
        logAgent = agent(source, "log", "sleep:1ms");
        feedAgent = agent(source, "feed", "backoff");
        source.rejectUnknownKeys(KEYS_HINT);
    }

    /**
     * @param source   the layered source.
     * @param cpuCount CPUs on this machine; CPU ids must be below it.
     * @return the validated configuration.
     * @throws ConfigException on the first bad key.
     */
    public static EngineConfig from(final ConfigSource source, final int cpuCount)
    {
        return new EngineConfig(source, cpuCount);
    }

    /**
     * @param file      properties file or null.
     * @param overrides overrides from the command line.
     * @return the validated configuration for this machine.
     */
    public static EngineConfig load(final Path file, final Map<String, String> overrides)
    {
        return from(ConfigSource.load(file, overrides), Runtime.getRuntime().availableProcessors());
    }

    /**
     * @return defaults for this machine (what {@code engine demo} uses without {@code --config}).
     */
    public static EngineConfig defaults()
    {
        return load(null, Map.of());
    }

    private AgentSpec agent(final ConfigSource source, final String name, final String defaultIdle)
    {
        final String cpuKey = "agent." + name + ".cpu";
        final String cpuText = source.getString(cpuKey, null);
        int cpu = AgentSpec.UNPINNED;
        if (null != cpuText)
        {
            final String allowed = "-1 (unpinned) or a CPU id 0.." + (cpuCount - 1) + " (this machine has " +
                cpuCount + " CPUs)";
            try
            {
                cpu = Integer.parseInt(cpuText.trim());
            }
            catch (final NumberFormatException ex)
            {
                throw ConfigException.invalid(cpuKey, cpuText, allowed);
            }
            if (cpu < AgentSpec.UNPINNED || cpu >= cpuCount)
            {
                throw ConfigException.invalid(cpuKey, cpuText, allowed);
            }
        }
        final String idleKey = "agent." + name + ".idle";
        return new AgentSpec(name, cpu, IdleSpec.parse(idleKey, source.getString(idleKey, defaultIdle)));
    }

    public DriverSettings driver()
    {
        return driver;
    }

    public FeedSettings feed()
    {
        return feed;
    }

    public BookSettings book()
    {
        return book;
    }

    public JournalSettings journal()
    {
        return journal;
    }

    public LatencySettings latency()
    {
        return latency;
    }

    public SimulatorSettings simulator()
    {
        return simulator;
    }

    public ConsoleSettings console()
    {
        return console;
    }

    /**
     * @return which venue's feed the engine reads, and its settings.
     */
    public VenueSettings venue()
    {
        return venue;
    }

    /**
     * @return the normalized book stream out ({@code publish.*}), for the gateway and its clients.
     */
    public PublishSettings publish()
    {
        return publish;
    }

    /**
     * @return one gateway agent per feed channel, {@code gateway.0} first.
     */
    public List<AgentSpec> gatewayAgents()
    {
        return gatewayAgents;
    }

    public List<AgentSpec> bookAgents()
    {
        return bookAgents;
    }

    public AgentSpec logAgent()
    {
        return logAgent;
    }

    public AgentSpec feedAgent()
    {
        return feedAgent;
    }

    /**
     * @return every agent, gateways first.
     */
    public List<AgentSpec> allAgents()
    {
        final List<AgentSpec> all = new ArrayList<>(gatewayAgents);
        all.addAll(bookAgents);
        all.add(logAgent);
        all.add(feedAgent);
        return all;
    }

    /**
     * @return CPUs the configuration was validated against.
     */
    public int cpuCount()
    {
        return cpuCount;
    }
}
