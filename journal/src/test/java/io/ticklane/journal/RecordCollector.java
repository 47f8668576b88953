package io.ticklane.journal;

import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.LongArrayList;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects records read back, keyed by writer, and checks them: payload pattern intact, each writer's sequences in
 * strictly increasing log order (so no duplicates).
 */
final class RecordCollector implements FrameHandler
{
    final Int2ObjectHashMap<LongArrayList> sequences = new Int2ObjectHashMap<>();
    final List<String> problems = new ArrayList<>();
    long frames;

    public void onFrame(final int recordType, final long timestampNs, final DirectBuffer buffer, final int offset,
        final int length, final long position)
    {
        frames++;
        if (length < 12)
        {
            problems.add("frame at " + position + " too short: " + length);
            return;
        }
        final int writer = buffer.getInt(offset);
        final long sequence = buffer.getLong(offset + 4);
        if (writer != recordType)
        {
            problems.add("frame at " + position + ": record type " + recordType + " but writer " + writer);
        }
        if (!JournalTestSupport.matches(buffer, offset, length, writer, sequence))
        {
            problems.add("frame at " + position + ": payload of writer " + writer + " seq " + sequence + " damaged");
        }
        final LongArrayList list = sequences.computeIfAbsent(writer, w -> new LongArrayList());
        if (!list.isEmpty() && list.getLong(list.size() - 1) >= sequence)
        {
            problems.add("writer " + writer + ": seq " + sequence + " after " + list.getLong(list.size() - 1) +
                " at " + position);
        }
        list.addLong(sequence);
    }

    /**
     * @return problems with writer {@code writer} having exactly sequences 0..count-1 (or 0..count when
     * {@code maybeOneMore}: a killed writer's last append may have committed before its progress was published).
     */
    String checkPrefix(final int writer, final long count, final boolean maybeOneMore)
    {
        final LongArrayList list = sequences.get(writer);
        final int size = null == list ? 0 : list.size();
        if (size != count && !(maybeOneMore && size == count + 1))
        {
            return "writer " + writer + ": read " + size + " records, committed " + count;
        }
        for (int i = 0; i < size; i++)
        {
            if (list.getLong(i) != i)
            {
                return "writer " + writer + ": record " + i + " has sequence " + list.getLong(i);
            }
        }
        return null;
    }
}
