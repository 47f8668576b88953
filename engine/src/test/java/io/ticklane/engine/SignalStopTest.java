package io.ticklane.engine;

import io.ticklane.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGTERM (what systemd and {@link Process#destroy()} send) stops the long-running commands cleanly: the command
 * finishes its work, prints what it prints at the end and exits 0, instead of the JVM's 143. Each command runs in a
 * real child JVM.
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SignalStopTest
{
    private static final Duration STARTED = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killChildren()
    {
        children.forEach(Process::destroyForcibly);
    }

    private Process start(final Path output, final String... args) throws IOException
    {
        final List<String> command = new ArrayList<>(List.of(
            ProcessHandle.current().info().command().orElse("java"),
            "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-opens", "java.base/java.util.zip=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.base/java.nio=ALL-UNNAMED",
            "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), EngineMain.class.getName()));
        command.addAll(List.of(args));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
            .start();
        children.add(process);
        return process;
    }

    private static String stopWithSigterm(final Process process, final Path output, final String ready)
        throws Exception
    {
        Await.until(() -> "'" + ready + "' from the child; it printed:\n" + read(output), STARTED,
            () -> read(output).contains(ready) || !process.isAlive());
        assertTrue(process.isAlive(), "the child ended by itself:\n" + read(output));
        process.destroy(); // SIGTERM
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "still running after SIGTERM:\n" + read(output));
        final String text = read(output);
        assertEquals(0, process.exitValue(), "a clean stop on SIGTERM exits 0, not 143:\n" + text);
        return text;
    }

    private static String read(final Path output)
    {
        try
        {
            return Files.exists(output) ? Files.readString(output) : "";
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Test
    void runStopsCleanlyOnSigtermPrintsTheSummaryAndExitsZero() throws Exception
    {
        final Map<String, String> settings = TestEngines.settings(dir, TestEngines.udpChannel());
        final List<String> args = new ArrayList<>(List.of("run"));
        args.addAll(List.of(TestEngines.setArgs(settings)));
        final Path output = dir.resolve("run.out");
        final String text = stopWithSigterm(start(output, args.toArray(String[]::new)), output, "[engine] running");
        assertTrue(text.contains("[engine] stopping"), text);
        assertTrue(text.contains("=== ticklane summary"), "the summary is printed: " + text);
        assertTrue(Files.size(Path.of(settings.get("latency.hlog.path"))) > 0, "the histogram log was closed");
    }

    @Test
    void consoleAndStatStopCleanlyOnSigtermAndExitZero() throws Exception
    {
        final Path consoleOut = dir.resolve("console.out");
        final String console = stopWithSigterm(start(consoleOut, "console", "--port", "0",
            "--counters", dir.resolve("absent.counters").toString(), "--hlog", dir.resolve("absent.hlog").toString()),
            consoleOut, "[console] Ctrl-C to stop");
        assertTrue(console.contains("[console] stopped"), console);

        final Path statOut = dir.resolve("stat.out");
        final String stat = stopWithSigterm(start(statOut, "stat", "--no-clear", "--interval", "100ms",
            "--counters", dir.resolve("absent.counters").toString()), statOut, "waiting for an engine");
        assertTrue(stat.contains("waiting for an engine"), stat);
    }
}
