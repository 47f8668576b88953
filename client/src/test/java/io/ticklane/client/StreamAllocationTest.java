package io.ticklane.client;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.ticklane.config.PublishSettings;
import io.ticklane.testkit.Await;
import org.agrona.CloseHelper;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The publish path (events through the {@code StreamPublisher} into the applier, encoded and offered over a real IPC
 * publication, with the snapshot responder's duty cycle) and the client path (poll, sequence checks, apply) allocate
 * nothing in steady state, measured on the one thread that runs both.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StreamAllocationTest
{
    private static final int WARMUP = 100_000;
    private static final int MEASURED = 200_000;

    @Test
    void publishAndClientPathsAllocateNothing()
    {
        final MediaDriver driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName("/dev/shm/ticklane-test-" + UUID.randomUUID()).threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new SleepingMillisIdleStrategy(1)).termBufferSparseFile(true)
            .dirDeleteOnStart(true).dirDeleteOnShutdown(true));
        final Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        try
        {
            final PublishSettings settings = StreamClientTest.settings("aeron:ipc");
            final GatewayHarness gateway = new GatewayHarness(aeron, settings, 11);
            final StreamClient client = StreamClientTest.client(aeron, settings);
            Await.until("the client to join", Duration.ofSeconds(20), () ->
            {
                client.doWork();
                gateway.responder.doWork();
                return client.joined();
            });
            gateway.define();
            final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
            assertTrue(threads.isThreadAllocatedMemorySupported());
            final long threadId = Thread.currentThread().getId();
            run(gateway, client, WARMUP);
            final long before = threads.getThreadAllocatedBytes(threadId);
            run(gateway, client, MEASURED);
            final long allocated = threads.getThreadAllocatedBytes(threadId) - before;
            assertEquals(0, gateway.publisher.lost());
            assertEquals(0, client.gaps());
            assertEquals(null, gateway.difference(client), "the client keeps up and equals the gateway");
            assertTrue(allocated < 16 * 1024, "allocated " + allocated + " bytes over " + MEASURED +
                " venue events (" + (double)allocated / MEASURED + " per event)");
        }
        finally
        {
            CloseHelper.quietCloseAll(aeron, driver);
        }
    }

    private static void run(final GatewayHarness gateway, final StreamClient client, final int events)
    {
        for (int i = 0; i < events; i++)
        {
            gateway.step();
            while (client.doWork() > 0)
            {
                // drain what the step published
            }
        }
    }
}
