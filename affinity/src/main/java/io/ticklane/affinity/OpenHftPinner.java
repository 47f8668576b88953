package io.ticklane.affinity;

import java.util.BitSet;

/**
 * Pins through {@code net.openhft.affinity.Affinity}. The OpenHFT classes are touched only inside {@link #pin},
 * so loading this class does no native work; a failure to load JNA or the native library degrades to "not pinned"
 * and is reported once through {@link #describe()}.
 */
final class OpenHftPinner implements ThreadPinner
{
    private volatile String failure;

    public boolean pin(final int cpu)
    {
        if (null != failure)
        {
            return false;
        }
        try
        {
            final BitSet mask = new BitSet();
            mask.set(cpu);
            net.openhft.affinity.Affinity.setAffinity(mask);
            return net.openhft.affinity.Affinity.getAffinity().equals(mask);
        }
        catch (final Throwable t)
        {
            failure = t.getClass().getSimpleName() + ": " + t.getMessage();
            return false;
        }
    }

    public String describe()
    {
        final String f = failure;
        return null == f ? "OpenHFT Affinity" : "OpenHFT Affinity unavailable (" + f + "), threads not pinned";
    }
}
