package io.ticklane.book;

/**
 * Pre-allocated order slots with a free list, shared by the books of one book agent. A slot is an index into
 * parallel primitive arrays, so an order costs no object and no allocation. Book-writer thread only.
 */
public final class OrderPool
{
    /** Slot index meaning "none". */
    public static final int NULL_SLOT = -1;

    final long[] orderId;
    final long[] price;
    final long[] quantity;
    final int[] prev;
    final int[] next;
    final byte[] side;
    private final int capacity;
    private int freeHead;
    private int used;

    /**
     * @param capacity most orders resting at once.
     */
    public OrderPool(final int capacity)
    {
        this.capacity = capacity;
        orderId = new long[capacity];
        price = new long[capacity];
        quantity = new long[capacity];
        prev = new int[capacity];
        next = new int[capacity];
        side = new byte[capacity];
        for (int i = 0; i < capacity; i++)
        {
            next[i] = i + 1 < capacity ? i + 1 : NULL_SLOT;
        }
        freeHead = 0;
    }

    /**
     * @return a free slot, or {@link #NULL_SLOT} when exhausted.
     */
    int allocate()
    {
        final int slot = freeHead;
        if (slot != NULL_SLOT)
        {
            freeHead = next[slot];
            used++;
        }
        return slot;
    }

    /**
     * @param slot a slot from {@link #allocate()} that is no longer used.
     */
    void free(final int slot)
    {
        next[slot] = freeHead;
        freeHead = slot;
        used--;
    }

    /**
     * @return slots in use.
     */
    public int used()
    {
        return used;
    }

    /**
     * @return total slots.
     */
    public int capacity()
    {
        return capacity;
    }
}
