package io.ticklane.book;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Zero allocation per event in steady state, two ways: 10M events through a book agent in a JVM of its own under
 * the Epsilon collector (no GC at all) with a 64 MB heap, which a single 8-byte allocation per event would exhaust
 * (and the thread's allocation counter must stay flat); and 1M events in this JVM measured with the thread's
 * allocation counter.
 */
class AllocationTest
{
    @Test
    @Tag("slow")
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void tenMillionEventsUnderEpsilonWithASmallHeap() throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.add("-XX:+UnlockExperimentalVMOptions");
        command.add("-XX:+UseEpsilonGC");
        command.add("-Xms64m");
        command.add("-Xmx64m");
        command.add("-XX:-UseCompressedOops"); // makes any stray allocation larger, not smaller
        command.add("--add-opens");
        command.add("java.base/jdk.internal.misc=ALL-UNNAMED");
        command.add("--add-opens");
        command.add("java.base/java.util.zip=ALL-UNNAMED");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(AllocationProbe.class.getName());
        command.add("10000000");
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try
        {
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(150, TimeUnit.SECONDS), "probe did not finish");
            assertEquals(0, process.exitValue(), output);
            final String line = output.lines().filter(l -> l.startsWith("events=")).findFirst().orElseThrow();
            final long allocated = Long.parseLong(line.replaceAll(".*allocated=(\\d+).*", "$1"));
            assertTrue(allocated < 1024, "allocated " + allocated + " bytes over 10M events: " + line);
            System.out.println("epsilon probe: " + line);
        }
        finally
        {
            process.destroyForcibly();
        }
    }

    @Test
    void oneMillionEventsInProcessAllocateNothing()
    {
        final LadderOrderBook book = new LadderOrderBook(1, 100, 100_000 * 100L, 4096, new OrderPool(1 << 14))
            .listener(new BookListener()
            {
            });
        final NearTouchFlow flow = new NearTouchFlow(3, 100, 100_000, 4096, 1);
        final TopOfBook top = new TopOfBook();
        final BookDepth depth = new BookDepth(10);
        for (int i = 0; i < 300_000; i++)
        {
            flow.next();
            flow.apply(book);
            book.reader().read(top);
        }
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long id = Thread.currentThread().getId();
        final long before = threads.getThreadAllocatedBytes(id);
        int failures = 0;
        for (int i = 0; i < 1_000_000; i++)
        {
            flow.next();
            failures += flow.apply(book) == BookResult.OK ? 0 : 1;
            book.reader().read(top);
            if ((i & 15) == 0)
            {
                book.reader().read(depth);
            }
        }
        final long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertEquals(0, failures);
        assertTrue(allocated < 1024, "allocated " + allocated + " bytes over 1M events");
    }
}
