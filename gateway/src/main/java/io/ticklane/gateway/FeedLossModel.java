package io.ticklane.gateway;

import java.util.SplittableRandom;

/**
 * Decides, per packet, whether a publisher leaves it off line A, line B or both: loss injection for drills and
 * tests of arbitration and recovery. Deterministic for a seed. One thread.
 */
public final class FeedLossModel
{
    private final SplittableRandom random;
    private final double lossA;
    private final double lossB;
    private final double lossBoth;
    private boolean dropA;
    private boolean dropB;

    /**
     * @param seed     random seed.
     * @param lossA    probability a packet is missing on line A only.
     * @param lossB    probability a packet is missing on line B only.
     * @param lossBoth probability a packet is missing on both lines.
     */
    public FeedLossModel(final long seed, final double lossA, final double lossB, final double lossBoth)
    {
        this.random = new SplittableRandom(seed);
        this.lossA = lossA;
        this.lossB = lossB;
        this.lossBoth = lossBoth;
    }

    /**
     * @return true when no loss is configured.
     */
    public boolean isNone()
    {
        return lossA == 0 && lossB == 0 && lossBoth == 0;
    }

    /**
     * Draws the fate of the next packet; then read {@link #dropA()} and {@link #dropB()}.
     */
    public void next()
    {
        if (random.nextDouble() < lossBoth)
        {
            dropA = true;
            dropB = true;
            return;
        }
        dropA = random.nextDouble() < lossA;
        dropB = !dropA && random.nextDouble() < lossB;
    }

    public boolean dropA()
    {
        return dropA;
    }

    public boolean dropB()
    {
        return dropB;
    }
}
