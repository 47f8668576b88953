package io.ticklane.backtest;

/**
 * The points behind the report's plots, collected during a run: net PnL, the main instrument's position, mid and
 * our fills on it, and the quantity ahead at join of every maker fill. Single thread.
 */
final class ReportData
{
    final Series equity = new Series();
    final Series position = new Series();
    final Series mid = new Series();
    final Series fills = new Series();
    final Series fillSides = new Series();
    final Series queueAhead = new Series();
}
