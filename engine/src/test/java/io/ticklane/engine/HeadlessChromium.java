package io.ticklane.engine;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The browser of the web-page tests (the console, the backtest report): Debian's headless Chromium, run as a real
 * process that loads a page, lets its scripts run for a virtual 5 s and prints the resulting DOM. A test that needs
 * it is skipped with one message when it is not installed ({@code .ci/run} installs it).
 */
final class HeadlessChromium
{
    /** Names the browser binary to use instead of looking in the usual places. */
    private static final String CHROMIUM_ENV = "CHROMIUM_BIN";
    private static final List<String> CANDIDATES =
        List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");

    private final String binary;

    private HeadlessChromium(final String binary)
    {
        this.binary = binary;
    }

    /**
     * @return the installed browser; skips the calling test (JUnit assumption) when there is none.
     */
    static HeadlessChromium findOrSkip()
    {
        final List<String> candidates = null == System.getenv(CHROMIUM_ENV) ?
            CANDIDATES : List.of(System.getenv(CHROMIUM_ENV));
        final String chromium = candidates.stream().filter(p -> Files.isExecutable(Path.of(p)))
            .findFirst().orElse(null);
        assumeTrue(null != chromium, "Chromium is not installed (looked for " + candidates + "): skipping " +
            "the browser test; install Debian's chromium package (.ci/run does)");
        return new HeadlessChromium(chromium);
    }

    /**
     * @param dir        a scratch directory (profile, DOM and log files).
     * @param page       the page to load ({@code http://} or {@code file://}).
     * @param extraFlags more command-line flags (e.g. {@code --allow-file-access-from-files}).
     * @return the DOM after the page's scripts ran.
     */
    String dumpDom(final Path dir, final URI page, final String... extraFlags) throws Exception
    {
        final Path profile = Files.createTempDirectory(dir, "chromium-profile");
        final Path dom = dir.resolve("dom.html");
        final Path log = dir.resolve("chromium.log");
        final List<String> command = new ArrayList<>(List.of(binary,
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile));
        command.addAll(List.of(extraFlags));
        command.addAll(List.of("--virtual-time-budget=5000", "--dump-dom", page.toString()));
        final Process browser = new ProcessBuilder(command)
            .redirectOutput(dom.toFile()).redirectError(log.toFile()).start();
        try
        {
            assertTrue(browser.waitFor(90, TimeUnit.SECONDS), "chromium did not finish; its log:\n" +
                Files.readString(log));
        }
        finally
        {
            browser.destroyForcibly();
        }
        assertEquals(0, browser.exitValue(), Files.readString(log));
        return Files.readString(dom);
    }
}
