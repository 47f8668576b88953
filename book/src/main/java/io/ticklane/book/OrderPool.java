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
 * The index is open addressing with linear probing over a power-of-two table of longs holding
 * {@code slot + 1 | side << 32 | bookTag << 33} (0 is empty). The key is not copied into the table: a probe
 * compares the slot's order id, which is the cache line the caller touches next anyway. The table has at least
 * twice as many entries as the pool has slots, so its load factor never exceeds 0.5, and removal shifts entries
 * back rather than leaving tombstones, so lookups never degrade. Memory: 32 B per slot plus 16 to 32 B of table
 * per slot, at most 64 B per order.
 * <p>
 * The books sharing a pool each take a tag from {@link #registerBook()}, so that equal order ids of different
 * instruments never collide.
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
    public static final int MAX_BOOKS = 1 << 30;

    private static final long LOW_MASK = 0xFFFF_FFFFL;
    private static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;

    final long[] slots;
    private final long[] table;
    private final int tableMask;
    private final int tableShift;
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
        tableShift = 64 - Integer.numberOfTrailingZeros(tableLength);
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
    int allocate()
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
    void free(final int slot)
    {
        setNext(slot, freeHead);
        freeHead = slot;
        used--;
    }

    long orderId(final int slot)
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

    void set(final int slot, final long orderId, final long priceTicks, final long quantity)
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

    private int home(final int bookTag, final long orderId)
    {
        return (int)(((orderId ^ ((long)bookTag << 40)) * GOLDEN) >>> tableShift);
    }

    /**
     * @param bookTag book.
     * @param orderId order id.
     * @return the table position holding it (&gt;= 0), or {@code ~position} of the empty entry where it would go.
     */
    int find(final int bookTag, final long orderId)
    {
        final long[] table = this.table;
        final long tagBits = (long)bookTag << 33;
        int i = home(bookTag, orderId);
        while (true)
        {
            final long entry = table[i];
            if (entry == 0)
            {
                return ~i;
            }
            if ((entry & ~((1L << 33) - 1)) == tagBits &&
                slots[((int)(entry & LOW_MASK) - 1) * SLOT_LONGS + ORDER_ID] == orderId)
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
    int slotAt(final int position)
    {
        return (int)(table[position] & LOW_MASK) - 1;
    }

    /**
     * @param position from {@link #find(int, long)}, &gt;= 0.
     * @return the order's side.
     */
    int sideAt(final int position)
    {
        return (int)(table[position] >>> 32) & 1;
    }

    /**
     * @param emptyPosition {@code ~find(...)} of an absent key.
     * @param bookTag       book.
     * @param side          side.
     * @param slot          slot already holding the order id.
     */
    void insertAt(final int emptyPosition, final int bookTag, final int side, final int slot)
    {
        table[emptyPosition] = (slot + 1) | ((long)side << 32) | ((long)bookTag << 33);
    }

    /**
     * Removes the entry and shifts later entries of its probe run back, so no tombstone is left.
     *
     * @param position from {@link #find(int, long)}, &gt;= 0.
     */
    void removeAt(final int position)
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
            final int slot = (int)(entry & LOW_MASK) - 1;
            final int home = home((int)(entry >>> 33), slots[slot * SLOT_LONGS + ORDER_ID]);
            if (((i - home) & mask) >= ((i - hole) & mask))
            {
                table[hole] = entry;
                hole = i;
            }
        }
        table[hole] = 0;
    }
}
