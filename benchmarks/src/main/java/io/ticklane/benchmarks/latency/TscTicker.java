package io.ticklane.benchmarks.latency;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A TSC-style ticker: the CPU's time-stamp counter read through a tiny JNI stub ({@code src/main/c/ticklane_tsc.c}),
 * and converted to nanoseconds with a rate calibrated against {@link System#nanoTime()} when first loaded. Here to
 * be measured against {@code System.nanoTime()} (see {@code ClockBenchmark}, {@code ClockMonotonicity} and
 * docs/OPERATIONS.md, "Clock"); the engine does not use it.
 * <p>
 * The library is loaded lazily on first use, never in a static initializer of an engine class; where it was not
 * built or cannot load, {@link #isAvailable()} is false and {@link #unavailableReason()} says why. Thread-safe
 * after {@link #load()}.
 */
public final class TscTicker
{
    private static final String RESOURCE = "/native/linux-" + System.getProperty("os.arch") + "/libticklane_tsc.so";
    private static final long CALIBRATION_NS = 50_000_000L;

    private static volatile TscTicker instance;
    private static volatile String failure;

    private final long baseTicks;
    private final long baseNs;
    private final double nsPerTick;

    private TscTicker(final long baseTicks, final long baseNs, final double nsPerTick)
    {
        this.baseTicks = baseTicks;
        this.baseNs = baseNs;
        this.nsPerTick = nsPerTick;
    }

    /**
     * @return the raw counter (JNI call).
     */
    public static native long rdtsc();

    /**
     * Loads the stub and calibrates once; later calls return the same ticker.
     *
     * @return the ticker.
     * @throws IllegalStateException when the stub is unavailable, with the reason.
     */
    public static synchronized TscTicker load()
    {
        if (null != instance)
        {
            return instance;
        }
        if (null != failure)
        {
            throw new IllegalStateException(failure);
        }
        try (InputStream in = TscTicker.class.getResourceAsStream(RESOURCE))
        {
            if (null == in)
            {
                throw new IllegalStateException("TSC stub " + RESOURCE + " was not built (gcc missing when the " +
                    "benchmarks module was built, or an unsupported architecture)");
            }
            final Path library = Files.createTempFile("ticklane-tsc", ".so");
            library.toFile().deleteOnExit();
            Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
            System.load(library.toString());
            instance = calibrate();
            return instance;
        }
        catch (final IOException | LinkageError | IllegalStateException ex)
        {
            failure = "TSC ticker unavailable: " + ex.getMessage();
            throw new IllegalStateException(failure, ex);
        }
    }

    /**
     * @return true when {@link #load()} succeeds.
     */
    public static boolean isAvailable()
    {
        try
        {
            load();
            return true;
        }
        catch (final IllegalStateException ex)
        {
            return false;
        }
    }

    /**
     * @return why the ticker is unavailable, or null.
     */
    public static String unavailableReason()
    {
        return isAvailable() ? null : failure;
    }

    private static TscTicker calibrate()
    {
        final long startNs = System.nanoTime();
        final long startTicks = rdtsc();
        long nowNs;
        do
        {
            nowNs = System.nanoTime();
        }
        while (nowNs - startNs < CALIBRATION_NS);
        final long endTicks = rdtsc();
        final double nsPerTick = (double)(nowNs - startNs) / (endTicks - startTicks);
        return new TscTicker(endTicks, nowNs, nsPerTick);
    }

    /**
     * @return nanoseconds on this ticker's own timeline (comparable only with values from the same process: the
     * calibration is per process).
     */
    public long nanoTime()
    {
        return baseNs + (long)((rdtsc() - baseTicks) * nsPerTick);
    }

    /**
     * @return the calibrated rate.
     */
    public double nsPerTick()
    {
        return nsPerTick;
    }
}
