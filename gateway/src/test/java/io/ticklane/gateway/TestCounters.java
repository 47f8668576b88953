package io.ticklane.gateway;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * Counters backed by plain memory, for gateway tests that run without a counters file.
 */
final class TestCounters
{
    private TestCounters()
    {
    }

    static AtomicCounter counter()
    {
        return new AtomicCounter(new UnsafeBuffer(new byte[128]), 0);
    }

    static GatewayCounters gateway()
    {
        return new GatewayCounters(counter(), counter(), counter(), counter(), counter(), counter(), counter(),
            counter(), counter(), counter(), counter(),
            new AtomicCounter[]{counter(), counter()},
            new AtomicCounter[]{counter(), counter()},
            new AtomicCounter[]{counter(), counter()});
    }
}
