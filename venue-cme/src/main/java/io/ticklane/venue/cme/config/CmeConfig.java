package io.ticklane.venue.cme.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The channels of a CME configuration file ({@link CmeConfigParser}). Immutable.
 */
public final class CmeConfig
{
    private final String name;
    private final List<CmeChannelConfig> channels;

    public CmeConfig(final String name, final List<CmeChannelConfig> channels)
    {
        this.name = name;
        this.channels = Collections.unmodifiableList(new ArrayList<>(channels));
    }

    /**
     * @return where the configuration came from.
     */
    public String name()
    {
        return name;
    }

    public List<CmeChannelConfig> channels()
    {
        return channels;
    }

    /**
     * @param id a channel id.
     * @return the channel.
     * @throws CmeConfigException naming the id and the channels there are, when it is not configured.
     */
    public CmeChannelConfig channel(final int id) throws CmeConfigException
    {
        final List<String> ids = new ArrayList<>();
        for (final CmeChannelConfig channel : channels)
        {
            if (channel.id() == id)
            {
                return channel;
            }
            ids.add(Integer.toString(channel.id()));
        }
        throw new CmeConfigException(name + ": no channel " + id + "; configured: " + String.join(", ", ids));
    }
}
