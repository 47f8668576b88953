package io.ticklane.affinity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThreadPinnerTest
{
    @Test
    void noOpPinsNothingAndSaysSo()
    {
        assertFalse(ThreadPinner.noOp().pin(0));
        assertTrue(ThreadPinner.noOp().describe().contains("not pinned"));
    }

    @Test
    @Timeout(30)
    void openHftPinsAThreadToAnOnlineCpuOrFallsBackWithAReason() throws Exception
    {
        final ThreadPinner pinner = ThreadPinner.openHft();
        final AtomicReference<Boolean> pinned = new AtomicReference<>();
        final Thread thread = new Thread(() -> pinned.set(pinner.pin(0)), "pin-test"); // pins only this thread
        thread.start();
        thread.join();
        if (pinned.get())
        {
            assertEquals("OpenHFT Affinity", pinner.describe());
        }
        else
        {
            assertTrue(pinner.describe().contains("unavailable"), pinner.describe());
        }
    }

    @Test
    @Timeout(30)
    void aCpuThatDoesNotExistIsRefusedNotThrown() throws Exception
    {
        final ThreadPinner pinner = ThreadPinner.openHft();
        final AtomicReference<Boolean> pinned = new AtomicReference<>();
        final Thread thread = new Thread(() -> pinned.set(pinner.pin(4095)), "pin-test-bad");
        thread.start();
        thread.join();
        assertFalse(pinned.get());
    }
}
