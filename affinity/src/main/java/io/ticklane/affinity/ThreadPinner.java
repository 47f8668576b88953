package io.ticklane.affinity;

/**
 * Pins the calling thread to one CPU. Implementations: {@link #openHft()} through OpenHFT Affinity (loaded lazily,
 * on first use, never in a static initializer), and {@link #noOp()} where native pinning is unavailable.
 * <p>
 * Called once by each agent thread on start, from that thread.
 */
public interface ThreadPinner
{
    /**
     * @param cpu CPU id, &gt;= 0.
     * @return true when the thread is now bound to that CPU.
     */
    boolean pin(int cpu);

    /**
     * @return what the implementation is, for start-up logs.
     */
    String describe();

    /**
     * @return a pinner that does nothing and says so.
     */
    static ThreadPinner noOp()
    {
        return NoOpPinner.INSTANCE;
    }

    /**
     * @return OpenHFT-backed pinner that falls back to no-op if the native library cannot load.
     */
    static ThreadPinner openHft()
    {
        return new OpenHftPinner();
    }
}
