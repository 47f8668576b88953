package io.ticklane.affinity;

import java.util.BitSet;

/**
 * Parses the kernel's CPU list format ({@code 0-3,8,10-11}), as found in {@code /sys/devices/system/cpu/online},
 * {@code .../isolated} and the {@code isolcpus=} / {@code nohz_full=} boot parameters.
 */
public final class CpuSet
{
    private CpuSet()
    {
    }

    /**
     * @param text CPU list, possibly empty or with a trailing newline; flags such as {@code domain,managed_irq,}
     *             in front of an {@code isolcpus=} list are skipped.
     * @return the CPUs listed.
     * @throws IllegalArgumentException when the text is not a CPU list.
     */
    public static BitSet parse(final String text)
    {
        final BitSet cpus = new BitSet();
        final String trimmed = text.trim();
        if (trimmed.isEmpty())
        {
            return cpus;
        }
        for (final String part : trimmed.split(","))
        {
            final String p = part.trim();
            if (p.isEmpty() || !Character.isDigit(p.charAt(0)))
            {
                continue; // isolcpus flags like "domain" or "managed_irq"
            }
            final int dash = p.indexOf('-');
            try
            {
                if (dash < 0)
                {
                    cpus.set(Integer.parseInt(p));
                }
                else
                {
                    final int from = Integer.parseInt(p.substring(0, dash));
                    final int to = Integer.parseInt(p.substring(dash + 1));
                    if (to < from)
                    {
                        throw new IllegalArgumentException("descending CPU range '" + p + "' in '" + trimmed + "'");
                    }
                    cpus.set(from, to + 1);
                }
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("not a CPU list: '" + trimmed + "'", ex);
            }
        }
        return cpus;
    }

    /**
     * @param cpus CPUs.
     * @return the kernel's compact form, e.g. {@code 0-3,8}; empty string for none.
     */
    public static String format(final BitSet cpus)
    {
        final StringBuilder sb = new StringBuilder();
        int cpu = cpus.nextSetBit(0);
        while (cpu >= 0)
        {
            final int end = cpus.nextClearBit(cpu) - 1;
            if (sb.length() > 0)
            {
                sb.append(',');
            }
            sb.append(cpu);
            if (end > cpu)
            {
                sb.append('-').append(end);
            }
            cpu = cpus.nextSetBit(end + 1);
        }
        return sb.toString();
    }
}
