package io.ticklane.engine.console;

import io.ticklane.latency.CounterSample;
import io.ticklane.latency.CountersFile;
import io.ticklane.latency.CountersFollower;

import java.nio.file.Path;

/**
 * The console's view of the engine's counters file, as JSON: the owner's liveness and every counter with its type,
 * group and value. Rates are left to the page, which sees successive snapshots. Used by the console's request
 * threads, one at a time (under the server's view lock).
 */
final class CountersView implements AutoCloseable
{
    private final CountersFollower follower;

    CountersView(final Path countersPath)
    {
        follower = new CountersFollower(countersPath);
    }

    String json()
    {
        final CountersFile file = follower.poll();
        final long nowMs = System.currentTimeMillis();
        final Json json = new Json().beginObject()
            .field("path", follower.path().toString())
            .field("nowMs", nowMs);
        if (null == file)
        {
            return json.field("state", "NO ENGINE").field("problem", follower.problem())
                .name("counters").beginArray().endArray().endObject().toString();
        }
        json.field("state", file.liveness(nowMs).name().replace('_', ' '))
            .field("pid", file.ownerPid())
            .field("startMs", file.startTimeMs())
            .field("heartbeatMs", file.heartbeatMs())
            .name("counters").beginArray();
        for (final CounterSample sample : file.snapshot())
        {
            json.beginObject()
                .field("id", sample.id())
                .field("type", sample.typeId())
                .field("group", sample.group())
                .field("label", sample.label())
                .field("value", sample.value())
                .endObject();
        }
        return json.endArray().endObject().toString();
    }

    public void close()
    {
        follower.close();
    }
}
