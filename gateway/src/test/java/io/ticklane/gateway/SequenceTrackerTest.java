package io.ticklane.gateway;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class SequenceTrackerTest
{
    @Test
    void inOrderDuplicateAndGapPerChannel()
    {
        final SequenceTracker tracker = new SequenceTracker();
        assertEquals(SequenceTracker.IN_ORDER, tracker.onPacket(1, 1));
        assertEquals(SequenceTracker.IN_ORDER, tracker.onPacket(1, 2));
        assertEquals(SequenceTracker.DUPLICATE, tracker.onPacket(1, 2));
        assertEquals(SequenceTracker.DUPLICATE, tracker.onPacket(1, 1));
        assertEquals(SequenceTracker.GAP, tracker.onPacket(1, 6));
        assertEquals(3, tracker.lastGapSize());
        assertEquals(7, tracker.expected(1));
        assertEquals(SequenceTracker.DUPLICATE, tracker.onPacket(1, 4), "a late packet behind a gap is dropped");
        assertEquals(SequenceTracker.IN_ORDER, tracker.onPacket(2, 1), "channels are independent");
        assertEquals(1, tracker.expected(3));
    }
}
