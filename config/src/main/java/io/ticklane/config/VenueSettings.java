package io.ticklane.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Which venue's feed the engine reads, and the venue's own settings. The own feed ({@code ticklane}) is configured
 * by the {@code feed.*} keys; CME MDP 3.0 ({@code cme}) by a CME {@code config.xml}-style file and the
 * {@code cme.*} keys below (the {@code feed.gap.timeout}, {@code feed.arbitration.window},
 * {@code feed.recovery.buffer} and {@code feed.max.sequence.jump} keys apply to its channels too). Immutable.
 *
 * @param venue                 {@link #TICKLANE} or {@link #CME} ({@code venue}).
 * @param cmeConfig             the channel file ({@code cme.config}); required when the venue is CME.
 * @param cmeChannels           channel ids this host reads ({@code cme.channels}); empty: every channel of the file.
 * @param cmeApplyWithoutSnapshot apply incrementals to books never snapshotted ({@code cme.apply.without.snapshot}),
 *                              for captures without snapshots; levels the data never determined stay unknown.
 * @param cmeStaleOnChannelGap  a channel gap makes every instrument of the channel stale until a snapshot
 *                              ({@code cme.stale.on.channel.gap}, default true); false stales only those the gap is
 *                              shown to have touched.
 * @param cmeReceiveBufferBytes socket receive buffer per line ({@code cme.receive.buffer}).
 */
public record VenueSettings(
    String venue,
    String cmeConfig,
    List<Integer> cmeChannels,
    boolean cmeApplyWithoutSnapshot,
    boolean cmeStaleOnChannelGap,
    int cmeReceiveBufferBytes)
{
    /** The project's own SBE feed over Aeron. */
    public static final String TICKLANE = "ticklane";
    /** CME Globex MDP 3.0 over raw UDP multicast. */
    public static final String CME = "cme";

    static VenueSettings from(final ConfigSource source)
    {
        final String venue = source.getChoice("venue", TICKLANE, TICKLANE, CME);
        final String file = source.getString("cme.config", "");
        if (venue.equals(CME) && file.isBlank())
        {
            throw ConfigException.invalid("cme.config", file, "the path of a CME channel file (config.xml format) " +
                "when venue=cme, e.g. venue-cme/src/main/resources/cme-sample-config.xml");
        }
        if (!file.isBlank() && !Files.isRegularFile(Path.of(file)))
        {
            throw ConfigException.invalid("cme.config", file, "a readable CME channel file (config.xml format); " +
                (Files.isDirectory(Path.of(file)) ? "this is a directory" : "it does not exist"));
        }
        final List<Integer> channels = new ArrayList<>();
        for (final String id : source.getList("cme.channels", List.of()))
        {
            try
            {
                final int channel = Integer.parseInt(id.trim());
                if (channel < 1 || channel > 65535 || channels.contains(channel))
                {
                    throw new NumberFormatException();
                }
                channels.add(channel);
            }
            catch (final NumberFormatException ex)
            {
                throw ConfigException.invalid("cme.channels", String.join(",",
                    source.getList("cme.channels", List.of())), "distinct CME channel ids 1..65535, comma separated " +
                    "(empty: every channel of cme.config)");
            }
        }
        return new VenueSettings(
            venue,
            file,
            Collections.unmodifiableList(channels),
            source.getBoolean("cme.apply.without.snapshot", false),
            source.getBoolean("cme.stale.on.channel.gap", true),
            (int)source.getSizeBytes("cme.receive.buffer", 8L << 20, 64L << 10, 1L << 30, false));
    }

    /**
     * @return true when the engine reads CME MDP 3.0.
     */
    public boolean isCme()
    {
        return venue.equals(CME);
    }
}
