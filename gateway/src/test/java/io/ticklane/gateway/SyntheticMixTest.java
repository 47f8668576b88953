package io.ticklane.gateway;

import io.ticklane.book.Side;
import io.ticklane.gateway.lobster.LobsterMessageReader;
import io.ticklane.gateway.sbe.AddOrderDecoder;
import io.ticklane.gateway.sbe.DeleteOrderDecoder;
import io.ticklane.gateway.sbe.ExecuteOrderDecoder;
import io.ticklane.gateway.sbe.ModifyOrderDecoder;
import io.ticklane.gateway.sbe.TradeDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The synthetic order flow's event mix matches LOBSTER's AAPL 10-level sample within a few points, it stays near
 * the touch, and its books never cross.
 */
class SyntheticMixTest
{
    private static final double TOLERANCE = 0.04;

    @Test
    void mixMatchesTheLobsterSample() throws IOException
    {
        final Path file = Path.of(System.getProperty("ticklane.shared.data", "../../shared/data"),
            "lobster/AAPL_2012-06-21_34200000_57600000_message_10.csv");
        assumeTrue(Files.isReadable(file), "LOBSTER sample not found at " + file);
        final double[] lobster = new double[8];
        long total = 0;
        try (LobsterMessageReader reader = LobsterMessageReader.open(file))
        {
            while (reader.next())
            {
                lobster[reader.type()]++;
                total++;
            }
        }
        final double lobsterAdds = lobster[LobsterMessageReader.ADD] / total;
        final double lobsterRemovals = (lobster[LobsterMessageReader.DELETE] +
            lobster[LobsterMessageReader.PARTIAL_CANCEL]) / total;
        final double lobsterExecutions = lobster[LobsterMessageReader.EXECUTE_VISIBLE] / total;
        final double lobsterHidden = (lobster[LobsterMessageReader.EXECUTE_HIDDEN] +
            lobster[LobsterMessageReader.CROSS_TRADE]) / total;

        final SyntheticSample sample = new SyntheticSample();
        final double events = sample.run(2_000_000);
        final double adds = sample.adds / events;
        final double removals = (sample.deletes + sample.modifies) / events;
        final double executions = sample.executions / events;
        final double hidden = sample.trades / events;
        final String report = String.format("synthetic adds %.3f removals %.3f executions %.3f hidden %.3f; " +
            "LOBSTER %.3f %.3f %.3f %.3f", adds, removals, executions, hidden, lobsterAdds, lobsterRemovals,
            lobsterExecutions, lobsterHidden);
        assertEquals(lobsterAdds, adds, TOLERANCE, report);
        assertEquals(lobsterRemovals, removals, TOLERANCE, report);
        assertEquals(lobsterExecutions, executions, TOLERANCE, report);
        assertEquals(lobsterHidden, hidden, TOLERANCE, report);
        assertTrue(sample.addsAtOrNextToTouch / (double)sample.adds > 0.3, "adds cluster near the touch: " + report);
        assertEquals(0, sample.crossed, "a book never crosses");
    }

    /** Counts what the flow emits, and where adds land relative to the touch. */
    private static final class SyntheticSample extends RecordingCounts
    {
        double run(final int eventCount)
        {
            final FeedScript feed = new FeedScript(4, 99);
            final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(8192));
            final PacketEncoder encoder = new PacketEncoder();
            final FeedDecoder decoder = new FeedDecoder();
            for (int i = 0; i < eventCount / 4; i++)
            {
                encoder.begin(buffer, 0, 1, 0, i + 1, 0, 1);
                feed.flow.next(encoder, 4, 0);
                before(feed.flow);
                decoder.decode(buffer, 0, encoder.length(), this);
                after(feed.flow);
            }
            return adds + deletes + modifies + executions + trades;
        }

        private final long[] bidBefore = new long[8];
        private final long[] askBefore = new long[8];

        private void before(final SyntheticOrderFlow flow)
        {
            for (int i = 0; i < flow.instrumentCount(); i++)
            {
                bidBefore[i] = flow.mirror(i).bestPrice(Side.BID);
                askBefore[i] = flow.mirror(i).bestPrice(Side.ASK);
            }
        }

        private void after(final SyntheticOrderFlow flow)
        {
            for (int i = 0; i < flow.instrumentCount(); i++)
            {
                final long bid = flow.mirror(i).bestPrice(Side.BID);
                final long ask = flow.mirror(i).bestPrice(Side.ASK);
                if (bid != io.ticklane.book.OrderBook.NULL_PRICE && ask != io.ticklane.book.OrderBook.NULL_PRICE &&
                    bid >= ask)
                {
                    crossed++;
                }
            }
        }

        @Override
        public void onAddOrder(final AddOrderDecoder m)
        {
            super.onAddOrder(m);
            final int i = m.instrumentId() - 1;
            final long touch = m.sideRaw() == 0 ? bidBefore[i] : askBefore[i];
            if (touch == io.ticklane.book.OrderBook.NULL_PRICE || Math.abs(m.price() - touch) <= 100)
            {
                addsAtOrNextToTouch++; // a tick is 100 in the script's instruments
            }
        }
    }

    /** Plain per-type counts. */
    private static class RecordingCounts extends RecordingFeedHandler
    {
        long adds;
        long deletes;
        long modifies;
        long executions;
        long trades;
        long addsAtOrNextToTouch;
        long crossed;

        @Override
        public void onAddOrder(final AddOrderDecoder m)
        {
            adds++;
        }

        @Override
        public void onDeleteOrder(final DeleteOrderDecoder m)
        {
            deletes++;
        }

        @Override
        public void onModifyOrder(final ModifyOrderDecoder m)
        {
            modifies++;
        }

        @Override
        public void onExecuteOrder(final ExecuteOrderDecoder m)
        {
            executions++;
        }

        @Override
        public void onTrade(final TradeDecoder m)
        {
            trades++;
        }
    }
}
