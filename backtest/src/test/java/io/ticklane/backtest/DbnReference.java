package io.ticklane.backtest;

import io.ticklane.book.Side;
import io.ticklane.gateway.importer.dbn.DbnDescriptor;
import io.ticklane.gateway.importer.dbn.DbnMbo;
import io.ticklane.gateway.importer.dbn.DbnReader;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scripted orders on a DBN MBO file through {@link ReferenceFifoExchange}, fed straight from the raw records with its
 * own reading of them (not the gateway's translator): the fills the exact-FIFO backtest must reproduce. Shared with
 * the engine's {@code engine backtest} tests through the test jar. No latency: orders act at their {@code ts_ns}.
 */
public final class DbnReference
{
    /**
     * Scripted orders on the shared ESM4 MBO file (the two seconds from 2024-05-08T00:00:00): every order type and
     * time in force, a cancel, a post-only that would take, a bid through the ask. Data lines of {@code --orders}.
     */
    public static final String[] ESM4_ORDERS = {
        "1715126400100000000,ESM4,B,5214.00,2,GTC,",
        "1715126400100000000,ESM4,S,5214.25,1,GTC,",
        "1715126400100000001,5602,B,,1,IOC,",
        "1715126400100000002,ESM4,B,5214.25,3,FOK,",
        "1715126400100000003,ESM4,S,5214.00,2,IOC,",
        "1715126400100000004,ESM4,B,5214.25,1,GTX,",
        "1715126401000000000,ESM4,S,5214.25,1,GTC,1715126401600000000",
        "1715126401480000000,ESM4,S,5214.25,5,GTC,",
        "1715126401480000000,ESM4,B,5213.75,1,GTC,",
        "1715126401489000000,ESM4,S,5214.25,2,GTC,",
        "1715126401700000000,ESM4,S,,3,FOK,",
        "1715126401800000000,ESM4,B,5214.50,100,GTC,",
        "1715126401900000000,ESM4,B,5213.00,1,GTC,1715126401950000000",
        "1715126401900000000,ESM4,S,5474.50,1,GTC,",
    };

    private DbnReference()
    {
    }

    /**
     * @param mboFile a DBN MBO file (prices at 1e-9, the fills printed with two decimals, as for ES).
     * @param orders  the scripted orders' data lines ({@code ts_ns,instrument,side,price,quantity,tif,cancel_ts_ns}).
     * @param partial partial fills on.
     * @return the reference's fills as {@code fills.csv} lines.
     */
    public static List<String> fills(final Path mboFile, final String[] orders, final boolean partial)
    {
        final ReferenceFifoExchange ref = new ReferenceFifoExchange(partial);
        final List<long[]> actions = new ArrayList<>(); // time, kind (0 submit, 1 cancel), id
        for (int i = 0; i < orders.length; i++)
        {
            final String[] f = orders[i].split(",", -1);
            actions.add(new long[]{Long.parseLong(f[0]), 0, i + 1});
            if (!f[6].isEmpty())
            {
                actions.add(new long[]{Long.parseLong(f[6]), 1, i + 1});
            }
        }
        actions.sort((a, b) -> Long.compare(a[0], b[0]));
        final Map<Long, Long> quantities = new HashMap<>();
        final Map<Long, Long> executed = new HashMap<>();
        long exchangeNs = 1_715_126_400_000_000_000L; // the definitions' time: the metadata's start
        int next = 0;
        boolean eventStart = true;
        try (DbnReader reader = DbnReader.open(mboFile))
        {
            final DbnMbo r = new DbnMbo();
            while (reader.next())
            {
                r.wrap(reader.buffer(), reader.offset());
                if (eventStart)
                {
                    exchangeNs = Math.max(exchangeNs, r.tsEvent());
                    while (next < actions.size() && actions.get(next)[0] < exchangeNs)
                    {
                        final long[] a = actions.get(next++);
                        ref.time(a[0]);
                        act(ref, a, orders);
                    }
                    ref.time(exchangeNs);
                }
                final long id = r.orderId();
                final long price = r.price() / 10_000_000L;
                switch (r.action())
                {
                    case 'R' -> { ref.clear(); quantities.clear(); }
                    case 'A' -> { ref.add(id, r.side() == 'B' ? Side.BID : Side.ASK, price, r.size());
                        quantities.put(id, r.size()); }
                    case 'F' -> { ref.execute(id, r.size()); quantities.merge(id, -r.size(), Long::sum);
                        executed.merge(id, r.size(), Long::sum); }
                    case 'C' -> {
                        final long already = executed.getOrDefault(id, 0L);
                        final long cancelled = r.size() - Math.min(already, r.size());
                        executed.remove(id);
                        if (cancelled > 0)
                        {
                            final long left = quantities.get(id) - cancelled;
                            if (left > 0)
                            {
                                ref.modify(id, price, left);
                                quantities.put(id, left);
                            }
                            else
                            {
                                ref.delete(id);
                            }
                        }
                    }
                    case 'M' -> { executed.remove(id); ref.modify(id, price, r.size()); quantities.put(id, r.size()); }
                    default -> { } // T: its quantity is the F records'
                }
                eventStart = (r.flags() & DbnDescriptor.FLAG_LAST) != 0;
            }
        }
        final List<String> out = new ArrayList<>();
        for (final String line : ref.fills)
        {
            final String[] f = line.split(",", -1);
            f[2] = BigDecimal.valueOf(Long.parseLong(f[2]), 2).toPlainString();
            out.add(String.join(",", f));
        }
        return out;
    }

    private static void act(final ReferenceFifoExchange ref, final long[] action, final String[] orders)
    {
        final int i = (int)action[2] - 1;
        if (action[1] == 1)
        {
            ref.cancel(action[2]);
            return;
        }
        final String[] f = orders[i].split(",", -1);
        final boolean market = f[3].isEmpty();
        final long price = market ? 0 : new BigDecimal(f[3]).movePointRight(2).longValueExact();
        ref.submit(action[2], f[2].equals("B") ? Side.BID : Side.ASK, price, Long.parseLong(f[4]),
            TimeInForce.parse(f[5]), market);
    }

}
