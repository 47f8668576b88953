package io.ticklane.affinity;

import org.junit.jupiter.api.Test;

import java.util.BitSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CpuSetTest
{
    @Test
    void parsesKernelListsAndFormatsThemBack()
    {
        final BitSet cpus = CpuSet.parse("0-3,8,10-11\n");
        assertEquals(7, cpus.cardinality());
        assertEquals("0-3,8,10-11", CpuSet.format(cpus));
        assertEquals("2-7,10-15", CpuSet.format(CpuSet.parse("managed_irq,domain,2-7,10-15")));
        assertTrue(CpuSet.parse(" \n").isEmpty());
        assertEquals("", CpuSet.format(new BitSet()));
    }

    @Test
    void refusesWhatIsNotACpuList()
    {
        assertThrows(IllegalArgumentException.class, () -> CpuSet.parse("3-1"));
        assertThrows(IllegalArgumentException.class, () -> CpuSet.parse("1-x"));
    }
}
