package io.ticklane.book;

/**
 * Pre-allocated order slots with a free list, and the order-id index that maps {@code (book, order id)} to a slot,
 * shared by all books of one book agent. Book-writer thread only.
 * <p>
 * A slot is 32 bytes (four longs) in one array, so an order is one cache-line access however its fields are used:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                       Order Id (int64)                         |  0
 *  +---------------------------------------------------------------+
 *  |                 Price in ticks (int64)                         |  8
 *  +---------------------------------------------------------------+
 *  |                 Remaining Quantity (int64)                     | 16
 *  +-------------------------------+-------------------------------+
 *  |  Previous slot in level FIFO  |  Next slot (FIFO / free list) | 24
 *  +-------------------------------+-------------------------------+
 * </pre>
 * The index is open addressing with linear probing over a power-of-two table of longs, each
 * {@code slot + 1} (bits 0-28) {@code | side << 29 | bookTag << 30} (16 bits) {@code | displacement << 46} (distance
 * from the entry's home position, 18 bits), 0 meaning empty. The key is not copied into the table: a probe compares
 * the slot's order id, which is the cache line the caller touches next anyway. The table has at least twice as many
 * entries as the pool has slots, so its load factor never exceeds 0.5, and removal shifts entries back (using the
 * stored displacement, without touching their slots) rather than leaving tombstones, so lookups never degrade.
 * Memory: 32 B per slot plus 16 to 32 B of table per slot, at most 64 B per order.
 * <p>
 * The books sharing a pool each take a tag from {@link #registerBook()}, so that equal order ids of different
 * instruments never collide.
 * <p>
 * The slot and index operations ({@link #allocate()}, {@link #find(int, long)}, ...) are public for measurement
 * ({@code OrderIndexBenchmark}); only {@link LadderOrderBook} calls them otherwise, and calling them on a pool that
 * books use would corrupt those books.
 */
public final class OrderPool
{
    /** Slot index meaning "none". */
    public static final int NULL_SLOT = -1;
    /** Longs per slot. */
    static final int SLOT_LONGS = 4;
    /** Bytes per slot. */
    public static final int SLOT_BYTES = SLOT_LONGS * Long.BYTES;
    static final int ORDER_ID = 0;
    static final int PRICE_TICKS = 1;
    static final int QUANTITY = 2;
    static final int LINKS = 3;
    /** Most books one pool can index. */
    public static final int MAX_BOOKS = 1 << 16;

    private static final long LOW_MASK = 0xFFFF_FFFFL;
    private static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;
    private static final long SLOT_MASK = (1L << 29) - 1;
    private static final int SIDE_SHIFT = 29;
    private static final int TAG_SHIFT = 30;
    private static final long TAG_MASK = 0xFFFFL;
    private static final int DISPLACEMENT_SHIFT = 46;
    private static final long MAX_DISPLACEMENT = (1L << 18) - 1;
    private static final long KEY_BITS_MASK = (1L << DISPLACEMENT_SHIFT) - 1;

    final long[] slots;
    private final long[] table;
    private final int tableMask;
    private final int capacity;
    private int freeHead;
    private int used;
    private int books;
    private long exhaustions;

    /**
     * Allocates every slot and the index up front.
     *
     * @param capacity most orders resting at once, over all books of the pool, 1..2^28.
     */
    public OrderPool(final int capacity)
    {
        if (capacity < 1 || capacity > 1 << 28)
        {
            throw new IllegalArgumentException("order pool capacity " + capacity + "; allowed: 1..268435456");
        }
        this.capacity = capacity;
        slots = new long[capacity * SLOT_LONGS];
        final int tableLength = Math.max(16, Integer.highestOneBit(capacity - 1 | 1) << 2);
        table = new long[tableLength];
        tableMask = tableLength - 1;
        for (int i = 0; i < capacity; i++)
        {
            setNext(i, i + 1 < capacity ? i + 1 : NULL_SLOT);
        }
        freeHead = 0;
    }

    /**
     * Called when a book is created, not per event.
     *
     * @return a tag that keeps this book's order ids apart from those of other books of the pool.
     */
    public int registerBook()
    {
        if (books == MAX_BOOKS)
        {
            throw new IllegalStateException("order pool already indexes " + MAX_BOOKS + " books");
        }
        return books++;
    }

    /**
     * @return books registered so far.
     */
    public int books()
    {
        return books;
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

    /**
     * @return adds refused because every slot was in use.
     */
    public long exhaustions()
    {
        return exhaustions;
    }

    /**
     * @return bytes held by the slots and the index (the pool's whole footprint apart from object headers).
     */
    public long footprintBytes()
    {
        return (long)slots.length * Long.BYTES + (long)table.length * Long.BYTES;
    }

    // ------------------------------------------------------------------ slots

    /**
     * @return a free slot, or {@link #NULL_SLOT} when exhausted (counted).
     */
    public int allocate()
    {
        final int slot = freeHead;
        if (slot == NULL_SLOT)
        {
            exhaustions++;
            return NULL_SLOT;
        }
        freeHead = next(slot);
        used++;
        return slot;
    }

    /**
     * @param slot a slot from {@link #allocate()} that is no longer used.
     */
    public void free(final int slot)
    {
        setNext(slot, freeHead);
        freeHead = slot;
        used--;
    }

    public long orderId(final int slot)
    {
        return slots[slot * SLOT_LONGS + ORDER_ID];
    }

    long priceTicks(final int slot)
    {
        return slots[slot * SLOT_LONGS + PRICE_TICKS];
    }

    long quantity(final int slot)
    {
        return slots[slot * SLOT_LONGS + QUANTITY];
    }

    public void set(final int slot, final long orderId, final long priceTicks, final long quantity)
    {
        final int base = slot * SLOT_LONGS;
        slots[base + ORDER_ID] = orderId;
        slots[base + PRICE_TICKS] = priceTicks;
        slots[base + QUANTITY] = quantity;
    }

    void priceTicks(final int slot, final long priceTicks)
    {
        slots[slot * SLOT_LONGS + PRICE_TICKS] = priceTicks;
    }

    void quantity(final int slot, final long quantity)
    {
        slots[slot * SLOT_LONGS + QUANTITY] = quantity;
    }

    int prev(final int slot)
    {
        return (int)slots[slot * SLOT_LONGS + LINKS];
    }

    int next(final int slot)
    {
        return (int)(slots[slot * SLOT_LONGS + LINKS] >> 32);
    }

    void setLinks(final int slot, final int prev, final int next)
    {
        slots[slot * SLOT_LONGS + LINKS] = ((long)next << 32) | (prev & LOW_MASK);
    }

    void setPrev(final int slot, final int prev)
    {
        final int i = slot * SLOT_LONGS + LINKS;
        slots[i] = (slots[i] & ~LOW_MASK) | (prev & LOW_MASK);
    }

    void setNext(final int slot, final int next)
    {
        final int i = slot * SLOT_LONGS + LINKS;
        slots[i] = ((long)next << 32) | (slots[i] & LOW_MASK);
    }

    // ------------------------------------------------------------------ index

    /**
     * Folds the high bits of the id into the low ones but keeps nearby ids nearby: feeds number orders sequentially,
     * so the live orders of a book occupy a compact, cache-resident stretch of the table however large the pool is,
     * where a multiplicative hash would scatter them over all of it (one cache and TLB miss per lookup). Strided ids
     * still spread, because the shifted terms vary with the high bits. Each book's ids start at its own offset.
     */
    private int home(final int bookTag, final long orderId)
    {
        return (int)((orderId ^ (orderId >>> 21) ^ (orderId >>> 42)) + bookTag * GOLDEN) & tableMask;
    }

    /**
     * @param bookTag book.
     * @param orderId order id.
     * @return the table position holding it (&gt;= 0), or {@code ~position} of the empty entry where it would go.
     */
    public int find(final int bookTag, final long orderId)
    {
        final long[] table = this.table;
        final long tagBits = (long)bookTag << TAG_SHIFT;
        int i = home(bookTag, orderId);
        while (true)
        {
            final long entry = table[i];
            if (entry == 0)
            {
                return ~i;
            }
            if ((entry & (TAG_MASK << TAG_SHIFT)) == tagBits &&
                slots[((int)(entry & SLOT_MASK) - 1) * SLOT_LONGS + ORDER_ID] == orderId)
            {
                return i;
            }
            i = (i + 1) & tableMask;
        }
    }

    /**
     * @param position from {@link #find(int, long)}, &gt;= 0.
     * @return the order's slot.
     */
    public int slotAt(final int position)
    {
        return (int)(table[position] & SLOT_MASK) - 1;
    }

    /**
     * @param position from {@link #find(int, long)}, &gt;= 0.
     * @return the order's side.
     */
    public int sideAt(final int position)
    {
        return (int)(table[position] >>> SIDE_SHIFT) & 1;
    }

    /**
     * @param emptyPosition {@code ~find(...)} of an absent key.
     * @param bookTag       book.
     * @param side          side.
     * @param slot          slot already holding the order id.
     */
    public void insertAt(final int emptyPosition, final int bookTag, final int side, final int slot)
    {
        final long displacement = Math.min(MAX_DISPLACEMENT,
            (emptyPosition - home(bookTag, slots[slot * SLOT_LONGS + ORDER_ID])) & tableMask);
        table[emptyPosition] = (slot + 1) | ((long)side << SIDE_SHIFT) | ((long)bookTag << TAG_SHIFT) |
            (displacement << DISPLACEMENT_SHIFT);
    }

    /**
     * Removes the entry and shifts later entries of its probe run back, so no tombstone is left.
     *
     * @param position from {@link #find(int, long)}, &gt;= 0.
     */
    public void removeAt(final int position)
    {
        final long[] table = this.table;
        final int mask = tableMask;
        int hole = position;
        int i = position;
        while (true)
        {
            i = (i + 1) & mask;
            final long entry = table[i];
            if (entry == 0)
            {
                break;
            }
            long displacement = entry >>> DISPLACEMENT_SHIFT;
            if (displacement == MAX_DISPLACEMENT) // saturated: recompute from the key (pathological ids only)
            {
                final int slot = (int)(entry & SLOT_MASK) - 1;
                displacement = (i - home((int)((entry >>> TAG_SHIFT) & TAG_MASK),
                    slots[slot * SLOT_LONGS + ORDER_ID])) & mask;
            }
            final int distance = (i - hole) & mask;
            if (displacement >= distance)
            {
                table[hole] = (entry & KEY_BITS_MASK) |
                    (Math.min(MAX_DISPLACEMENT, displacement - distance) << DISPLACEMENT_SHIFT);
                hole = i;
            }
        }
        table[hole] = 0;
    }
}
