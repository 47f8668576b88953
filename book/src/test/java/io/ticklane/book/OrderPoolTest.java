package io.ticklane.book;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderPoolTest
{
    @Test
    void indexAgreesWithAHashMapUnderChurnAcrossBooks()
    {
        final OrderPool pool = new OrderPool(500);
        final int[] tags = {pool.registerBook(), pool.registerBook(), pool.registerBook()};
        final Map<String, Integer> expected = new HashMap<>();
        final SplittableRandom random = new SplittableRandom(42);
        for (int step = 0; step < 200_000; step++)
        {
            final int tag = tags[random.nextInt(3)];
            final long id = random.nextInt(400) * 0x1_0000_0001L; // colliding low bits on purpose
            final String key = tag + ":" + id;
            final int position = pool.find(tag, id);
            assertEquals(expected.containsKey(key), position >= 0, "step " + step);
            if (position >= 0)
            {
                assertEquals((int)expected.get(key), pool.slotAt(position));
                assertEquals((int)(id & 1), pool.sideAt(position));
                pool.removeAt(position);
                pool.free(expected.remove(key));
            }
            else
            {
                final int slot = pool.allocate();
                if (slot == OrderPool.NULL_SLOT)
                {
                    assertEquals(500, expected.size());
                    continue;
                }
                pool.set(slot, id, 7, 9);
                pool.insertAt(~position, tag, (int)(id & 1), slot);
                expected.put(key, slot);
            }
            assertEquals(expected.size(), pool.used());
        }
        for (final Map.Entry<String, Integer> e : expected.entrySet())
        {
            final String[] parts = e.getKey().split(":");
            final int position = pool.find(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
            assertTrue(position >= 0);
            assertEquals((int)e.getValue(), pool.slotAt(position));
        }
    }

    @Test
    void footprintIsAtMostSixtyFourBytesPerOrder()
    {
        for (final int capacity : new int[]{1, 1000, 1 << 16, (1 << 16) + 1, 1 << 20})
        {
            final OrderPool pool = new OrderPool(capacity);
            final double perOrder = (double)pool.footprintBytes() / capacity;
            assertTrue(perOrder <= 64 || capacity < 4, capacity + ": " + perOrder + " B per order");
            assertTrue(perOrder >= OrderPool.SLOT_BYTES + 16 || capacity < 8, capacity + ": " + perOrder);
        }
    }

    @Test
    void capacityIsValidated()
    {
        assertThrows(IllegalArgumentException.class, () -> new OrderPool(0));
        assertThrows(IllegalArgumentException.class, () -> new OrderPool((1 << 28) + 1));
    }

    @Test
    void linksPackBothDirections()
    {
        final OrderPool pool = new OrderPool(4);
        pool.setLinks(2, OrderPool.NULL_SLOT, 3);
        assertEquals(OrderPool.NULL_SLOT, pool.prev(2));
        assertEquals(3, pool.next(2));
        pool.setPrev(2, 1);
        pool.setNext(2, OrderPool.NULL_SLOT);
        assertEquals(1, pool.prev(2));
        assertEquals(OrderPool.NULL_SLOT, pool.next(2));
    }
}
