package io.ticklane.latency;

/**
 * One counter as read from a counters file at one moment. Immutable.
 *
 * @param id     counter id (its slot in the file).
 * @param typeId one of {@link CounterTypes}.
 * @param label  readable label.
 * @param value  value when read.
 */
public record CounterSample(int id, int typeId, String label, long value)
{
    /**
     * @return the area of {@link #typeId()}, see {@link CounterTypes#group(int)}.
     */
    public String group()
    {
        return CounterTypes.group(typeId);
    }
}
