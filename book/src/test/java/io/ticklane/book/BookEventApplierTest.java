package io.ticklane.book;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One owner of the rules: the same events through the live path (ring writer, ring, book agent, applier), straight
 * into an applier (replay), and into the applier over the reference model end with the same books, including when
 * instruments are redefined mid-flow, which is where the two copies of the rules used to disagree.
 */
class BookEventApplierTest
{
    private static final int INSTRUMENTS = 3;

    @Test
    void liveReplayAndReferenceAgreeThroughRedefinitions()
    {
        final BookAgentHarness live = new BookAgentHarness(1 << 14, BookOptions.DEFAULT, BookListener.NONE);
        final OrderPool replayPool = new OrderPool(1 << 14);
        final BookEventApplier replay = new BookEventApplier(
            BookFactory.ladder(replayPool, BookOptions.DEFAULT, BookListener.NONE), BookListener.NONE);
        final BookEventApplier reference = new BookEventApplier(BookFactory.reference(), BookListener.NONE);
        final BookEventHandler[] paths = {live.writer, replay, reference};
        final InstrumentDefinition definition = new InstrumentDefinition();
        final SplittableRandom random = new SplittableRandom(9);
        final NearTouchFlow[] flows = new NearTouchFlow[INSTRUMENTS];
        long redefinitions = 0;
        for (int round = 0; round < 6; round++)
        {
            for (int i = 0; i < INSTRUMENTS; i++)
            {
                final long tick = round % 2 == 0 ? 100 : 50; // a changed tick is a new definition
                definition.reset().instrumentId(i + 1).symbol("S" + i).tickSize(tick).priceExponent(-4)
                    .referencePrice(1_000_000).bandTicks(512).books(InstrumentDefinition.BOOK_ORDERS);
                for (final BookEventHandler path : paths)
                {
                    path.onDefinition(definition);
                }
                redefinitions++;
                flows[i] = new NearTouchFlow(random.nextLong(), tick, 1_000_000 / tick, 256, 1);
            }
            for (int e = 0; e < 5_000; e++)
            {
                final int i = random.nextInt(INSTRUMENTS);
                flows[i].next();
                for (final BookEventHandler path : paths)
                {
                    apply(path, i + 1, flows[i]);
                }
                if (random.nextInt(8) == 0)
                {
                    for (final BookEventHandler path : paths)
                    {
                        path.onEndOfEvent();
                    }
                }
            }
        }
        live.drain();
        replay.onEndOfEvent();
        reference.onEndOfEvent();
        assertTrue(redefinitions > INSTRUMENTS);
        for (int id = 1; id <= INSTRUMENTS; id++)
        {
            final long expected = reference.book(id).stateHash();
            assertTrue(reference.book(id).orderCount() > 10, "a real book");
            assertEquals(expected, replay.book(id).stateHash(), "replay path, instrument " + id);
            assertEquals(expected, live.book(id).stateHash(), "live path, instrument " + id);
        }
        long resting = 0;
        for (int id = 1; id <= INSTRUMENTS; id++)
        {
            resting += reference.book(id).orderCount();
        }
        assertEquals(resting, replayPool.used(), "a redefinition returns the old book's slots to the pool");
        assertEquals(resting, live.pool.used());
        assertEquals(0, replay.rejected());
        assertEquals(0, reference.rejected());
    }

    private static void apply(final BookEventHandler path, final int id, final NearTouchFlow flow)
    {
        switch (flow.type)
        {
            case NearTouchFlow.ADD -> path.onAdd(id, flow.orderId, flow.side, flow.price, flow.quantity);
            case NearTouchFlow.MODIFY -> path.onModify(id, flow.orderId, flow.price, flow.quantity);
            case NearTouchFlow.DELETE -> path.onDelete(id, flow.orderId);
            default -> path.onExecute(id, flow.orderId, flow.quantity);
        }
    }
}
