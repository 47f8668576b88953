package io.ticklane.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The normalized book stream out of the engine ({@code publish.*}), read by the gateway side (engine run/demo) and by
 * the client side ({@code engine subscribe}) alike, so one file serves both.
 *
 * @param enabled          the engine publishes its book updates.
 * @param channel          Aeron channel of the incrementals (IPC on one host, UDP multicast across hosts).
 * @param streamId         Aeron stream id of the incrementals.
 * @param snapshotChannel  Aeron channel the gateway serves snapshots on.
 * @param snapshotStreamId Aeron stream id of the snapshots.
 * @param requestChannel   Aeron channel of the clients' snapshot requests to the gateway.
 * @param requestStreamId  Aeron stream id of the requests.
 * @param instrumentIds    instruments this gateway publishes, by id (empty with {@code symbols} empty: all).
 * @param symbols          instruments this gateway publishes, by symbol.
 * @param offerRetries     offers retried on back pressure before the event batch is counted lost (clients see
 *                         the gap and recover).
 * @param clientCountersPath counters file of a client ({@code engine subscribe}), read by {@code engine stat}.
 * @param snapshotTimeoutNs how long a client waits for a requested snapshot before asking again.
 */
public record PublishSettings(
    boolean enabled,
    String channel,
    int streamId,
    String snapshotChannel,
    int snapshotStreamId,
    String requestChannel,
    int requestStreamId,
    List<Integer> instrumentIds,
    List<String> symbols,
    int offerRetries,
    String clientCountersPath,
    long snapshotTimeoutNs)
{
    /** Default channel of all three streams: shared memory on one host. */
    public static final String DEFAULT_CHANNEL = "aeron:ipc";
    private static final Pattern SYMBOL = Pattern.compile("[A-Za-z0-9._:/-]{1,24}");

    static PublishSettings from(final ConfigSource source)
    {
        final String user = System.getProperty("user.name", "default");
        final List<Integer> ids = new ArrayList<>();
        final List<String> symbols = new ArrayList<>();
        instruments(source, ids, symbols);
        return new PublishSettings(
            source.getBoolean("publish.enabled", true),
            channel(source, "publish.channel"),
            source.getInt("publish.stream", 2001, 1, Integer.MAX_VALUE),
            channel(source, "publish.snapshot.channel"),
            source.getInt("publish.snapshot.stream", 2002, 1, Integer.MAX_VALUE),
            channel(source, "publish.request.channel"),
            source.getInt("publish.request.stream", 2003, 1, Integer.MAX_VALUE),
            Collections.unmodifiableList(ids),
            Collections.unmodifiableList(symbols),
            source.getInt("publish.offer.retries", 64, 0, 1_000_000),
            source.getPath("subscribe.counters.path",
                "/dev/shm/ticklane-" + user + "-subscribe-" + ProcessHandle.current().pid() + ".counters",
                ConfigSource.PathKind.FILE),
            source.getDurationNs("subscribe.snapshot.timeout", 1_000_000_000L, 1_000_000L, 60_000_000_000L));
    }

    private static String channel(final ConfigSource source, final String key)
    {
        final String channel = source.getString(key, DEFAULT_CHANNEL);
        if (!channel.startsWith("aeron:udp") && !channel.startsWith("aeron:ipc"))
        {
            throw ConfigException.invalid(key, channel, "an Aeron channel URI starting aeron:udp or aeron:ipc");
        }
        return channel;
    }

    private static void instruments(final ConfigSource source, final List<Integer> ids, final List<String> symbols)
    {
        final String key = "publish.instruments";
        final String allowed = "'all', or a comma-separated list of instrument ids (0..2147483647) and symbols " +
            "(letters, digits and ._:/-, at most 24)";
        final List<String> items = source.getList(key, List.of("all"));
        if (items.isEmpty())
        {
            throw ConfigException.invalid(key, source.getString(key, ""), allowed);
        }
        if (items.size() == 1 && "all".equalsIgnoreCase(items.get(0)))
        {
            return;
        }
        for (final String item : items)
        {
            if (item.chars().allMatch(Character::isDigit))
            {
                try
                {
                    ids.add(Integer.parseInt(item));
                    continue;
                }
                catch (final NumberFormatException ex)
                {
                    throw ConfigException.invalid(key, item, allowed);
                }
            }
            if ("all".equalsIgnoreCase(item) || !SYMBOL.matcher(item).matches())
            {
                throw ConfigException.invalid(key, item, allowed);
            }
            symbols.add(item);
        }
    }

    /**
     * @return true when this gateway publishes every instrument it has.
     */
    public boolean allInstruments()
    {
        return instrumentIds.isEmpty() && symbols.isEmpty();
    }

    /**
     * @return true when the incrementals go over UDP (a client then needs a media driver of its own host).
     */
    public boolean isUdp()
    {
        return channel.startsWith("aeron:udp");
    }
}
