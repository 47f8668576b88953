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

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A client that stops reading while the gateway goes on: the gateway's publication (a 64 KiB term) back-pressures,
 * the publisher retries (none here) and counts the packets it gives up as lost, spending their stream sequences;
 * when the client reads again it sees the loss as a gap, recovers every instrument from snapshots, and ends with
 * books equal to the gateway's. Nothing is lost without being counted on both sides.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BackPressureLossTest
{
    @Test
    void lossToBackPressureIsCountedAndRecovered()
    {
        final MediaDriver driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName("/dev/shm/ticklane-test-" + UUID.randomUUID()).threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new SleepingMillisIdleStrategy(1)).termBufferSparseFile(true)
            .dirDeleteOnStart(true).dirDeleteOnShutdown(true));
        final Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        try
        {
            final PublishSettings settings = StreamClientTest.settings("aeron:ipc");
            final GatewayHarness gateway = new GatewayHarness(aeron, settings, 5, "aeron:ipc?term-length=65536", 0);
            final StreamClient client = StreamClientTest.client(aeron, settings);
            Await.until("the client to join", Duration.ofSeconds(20), () ->
            {
                client.doWork();
                gateway.responder.doWork();
                return client.joined();
            });
            gateway.define();
            for (int i = 0; i < 3_000; i++)
            {
                gateway.step(); // the client does not read: the 32 KiB window fills
            }
            assertTrue(gateway.publisher.lost() > 0, "packets were given up and counted");
            assertTrue(gateway.publisher.backPressured() > 0 || gateway.publisher.lost() > 0);
            for (int i = 0; i < 2_000; i++)
            {
                gateway.step();
                client.doWork();
            }
            Await.until(() -> "the client to recover: gaps " + client.gaps() + ", recoveries " + client.recoveries() +
                ", recovering " + client.recovering() + ", instrument gaps " + client.instrumentGaps() + ", lost " +
                gateway.publisher.lost() + ", requests " + client.snapshotRequests() +
                ", " + gateway.difference(client), Duration.ofSeconds(30), () ->
                {
                    client.doWork();
                    gateway.responder.doWork();
                    return null == gateway.difference(client) && client.recovering() == 0;
                });
            assertTrue(client.gaps() > 0, "the loss was seen as a gap");
            assertTrue(client.recoveries() >= 4, "every instrument recovered: " + client.recoveries());
            assertEquals(gateway.publisher.lost(), client.gaps(), "every packet the gateway lost is a client gap");
        }
        finally
        {
            CloseHelper.quietCloseAll(aeron, driver);
        }
    }
}
