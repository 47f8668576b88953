package io.ticklane.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class AwaitTest
{
    @Test
    void returnsAsSoonAsTheConditionHolds()
    {
        final AtomicInteger polls = new AtomicInteger();
        Await.until("the third poll", Duration.ofSeconds(10), () -> polls.incrementAndGet() >= 3);
        assertEquals(3, polls.get());
        assertEquals(7, Await.value("seven", Duration.ofSeconds(10), () -> 7, v -> v == 7));
    }

    @Test
    void failsAfterTheTimeoutNamingWhatWasAwaitedAndTheLastValue()
    {
        final long startNs = System.nanoTime();
        final AssertionError error = assertThrows(AssertionError.class,
            () -> Await.value("a positive number", Duration.ofMillis(200), () -> -1, v -> v > 0));
        final long elapsedMs = (System.nanoTime() - startNs) / 1_000_000;
        assertTrue(elapsedMs >= 200 && elapsedMs < 5_000, "waited the timeout, not much longer: " + elapsedMs);
        assertEquals("timed out after 200 ms waiting for a positive number (last value: -1)", error.getMessage());
    }

    @Test
    void anExceptionFromTheConditionEndsTheWait()
    {
        final IllegalStateException thrown = new IllegalStateException("boom");
        assertEquals(thrown, assertThrows(IllegalStateException.class,
            () -> Await.until("never", Duration.ofSeconds(10), () -> { throw thrown; })));
        final AssertionError checked = assertThrows(AssertionError.class,
            () -> Await.until("a file", Duration.ofSeconds(10), () -> { throw new IOException("gone"); }));
        assertEquals("while waiting for a file: java.io.IOException: gone", checked.getMessage());
    }
}
