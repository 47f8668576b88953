package io.ticklane.backtest;

import io.ticklane.book.InstrumentDefinition;
import io.ticklane.book.LevelAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.ticklane.book.Side.ASK;
import static io.ticklane.book.Side.BID;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The modelled queues: the formulas of docs/BACKTEST.md checked by hand, and a price-level book where trades and
 * cancels move our estimated position until it fills.
 */
class QueueModelTest
{
    @TempDir
    Path dir;

    @Test
    void probabilityFunctionsAsHftbacktestDefinesThem()
    {
        final QueueModel power = QueueModel.parse("power:2");
        assertEquals(0.5, power.probabilityBehind(10, 10), 1e-12);
        assertEquals(900.0 / (900 + 100), power.probabilityBehind(10, 30), 1e-12, "f(back)/(f(back)+f(front))");
        assertEquals(900.0 / 1600, QueueModel.parse("power2:2").probabilityBehind(10, 30), 1e-12, "f(back)/f(total)");
        assertEquals(1 - Math.pow(0.25, 2), QueueModel.parse("power3:2").probabilityBehind(10, 30), 1e-12,
            "1 - f(front/total)");
        assertEquals(Math.log1p(30) / (Math.log1p(30) + Math.log1p(10)), QueueModel.parse("log")
            .probabilityBehind(10, 30), 1e-12);
        assertEquals(Math.log1p(30) / Math.log1p(40), QueueModel.parse("log2").probabilityBehind(10, 30), 1e-12);
        assertEquals(3.0, QueueModel.parse("power").exponent());
        assertEquals(1.0, power.probabilityBehind(0, 0), "0/0 counts as behind, as hftbacktest's inf check");
    }

    @Test
    void levelChangesMoveTheEstimate()
    {
        final QueueModel power = QueueModel.parse("power:1");
        // front 10, back 30, the level falls from 40 to 32 with 0 traded: 8 cancelled, p = 30/40 behind
        assertEquals(10 - 0.25 * 8, power.onLevelChange(10, 40, 32, 0), 1e-12);
        // the part explained by trades already seen is not counted again
        assertEquals(10 - 0.25 * 3, power.onLevelChange(10, 40, 32, 5), 1e-12);
        // front 10, back 10, the whole level leaves: p = 1/2, 10 - 0.5 * 20 + min(10 - 0.5 * 20, 0) = 0
        assertEquals(0, power.onLevelChange(10, 20, 0, 0), 1e-12);
        // front 10, back 2, 8 leave: p = 2/12, 10 - (10/12) * 8 + min(2 - (2/12) * 8, 0) = 10 - 6.67 + 0 = 3.33
        assertEquals(10 - 10.0 / 12 * 8, power.onLevelChange(10, 12, 4, 0), 1e-12);
        // growth never moves us
        assertEquals(10, power.onLevelChange(10, 40, 50, 0), 1e-12);
        final QueueModel averse = QueueModel.parse("risk-averse");
        assertEquals(10, averse.onLevelChange(10, 40, 32, 0), 1e-12);
        assertEquals(6, averse.onLevelChange(10, 40, 6, 0), 1e-12, "capped by the level");
    }

    @Test
    void badModelNamesAreRefusedWithWhatIsAllowed()
    {
        assertEquals("--queue-model lifo: allowed fifo, risk-averse, power[:N], power2[:N], power3[:N], log, log2",
            assertThrows(IllegalArgumentException.class, () -> QueueModel.parse("lifo")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> QueueModel.parse("power:-1")).getMessage()
            .contains("N must be a number > 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> QueueModel.parse("log:2")).getMessage()
            .contains("only power models take ':N'"));
    }

    private static ScriptedSource levels()
    {
        return new ScriptedSource()
            .at(1).define(1, "L", 1, InstrumentDefinition.BOOK_LEVELS, 5)
            .at(2).level(BID, LevelAction.NEW, 1, 100, 10).level(ASK, LevelAction.NEW, 1, 101, 10);
    }

    @Test
    void riskAverseQueueAdvancesOnlyWithTradesAtOurPrice()
    {
        final ScriptedSource source = levels()
            .at(100).trade(100, 4, ASK).level(BID, LevelAction.OVERLAY, 1, 100, 6)
            .at(110).level(BID, LevelAction.OVERLAY, 1, 100, 3)
            .at(120).trade(100, 3, ASK).level(BID, LevelAction.OVERLAY, 1, 100, 2)
            .at(130).trade(100, 2, ASK).level(BID, LevelAction.DELETE, 1, 100, 0);
        final ProgrammedStrategy s = new ProgrammedStrategy().at(10, c -> c.submit(1, BID, 100, 2, TimeInForce.GTC));
        final Runs r = new Runs(Backtest.builder().source(source).strategy(s).partialFills(true), dir);
        // joined behind 10; trade 4 -> 6; cancels to 3 cap it at 3; trade 3 -> 0; trade 2 -> -2: fills 2
        assertEquals(List.of("1,130,100,2,maker,10"), r.fills());
    }

    @Test
    void probabilisticQueueAlsoAdvancesOnCancels()
    {
        final ScriptedSource source = levels()
            .at(100).level(BID, LevelAction.OVERLAY, 1, 100, 16)
            .at(110).level(BID, LevelAction.OVERLAY, 1, 100, 4)
            .at(120).trade(100, 5, ASK).level(BID, LevelAction.DELETE, 1, 100, 0);
        final ProgrammedStrategy s = new ProgrammedStrategy().at(10, c -> c.submit(1, BID, 100, 3, TimeInForce.GTC));
        final Runs averse = new Runs(Backtest.builder().source(source).strategy(s).partialFills(true)
            .queueModel(QueueModel.parse("risk-averse")), dir.resolve("averse"));
        assertEquals(List.of("1,120,100,1,maker,10"), averse.fills(), "front min(10, 4) = 4; trade 5 leaves -1");
        final ProgrammedStrategy s2 = new ProgrammedStrategy().at(10, c -> c.submit(1, BID, 100, 3, TimeInForce.GTC));
        final Runs power = new Runs(Backtest.builder().source(source).strategy(s2).partialFills(true)
            .queueModel(QueueModel.parse("power:1")), dir.resolve("power"));
        // level 10 -> 16 (growth, behind us): front 10; 16 -> 4: 12 cancelled, back 6, p = 6/16:
        // front = 10 - (10/16)*12 + min(6 - (6/16)*12, 0) = 2.5, capped at 4; trade 5 -> -2.5: fills round(2.5) = 3
        assertEquals(List.of("1,120,100,3,maker,10"), power.fills());
    }

    @Test
    void theBestMovingThroughOurPriceFillsUs()
    {
        final ScriptedSource source = levels()
            .at(100).level(ASK, LevelAction.NEW, 1, 100, 7);
        final ProgrammedStrategy s = new ProgrammedStrategy().at(10, c -> c.submit(1, BID, 100, 3, TimeInForce.GTC));
        final Runs r = new Runs(Backtest.builder().source(source).strategy(s)
            .queueModel(QueueModel.parse("log")), dir);
        assertEquals(List.of("1,100,100,3,maker,10"), r.fills());
    }
}
