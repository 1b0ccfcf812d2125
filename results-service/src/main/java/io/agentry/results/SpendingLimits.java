package io.agentry.results;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A user's monthly caps (null: no cap) and where the current UTC calendar month stands. {@code
 * spent} is the price of the month's SUCCEEDED tasks, {@code inFlight} the price of its tasks still
 * queued or running (charged only if they succeed), {@code tasks} every task submitted in it;
 * months are counted by the time a task was submitted.
 */
public record SpendingLimits(BigDecimal monthlySpend, Integer monthlyTasks, Month month) {

  /** The current month: its usage, when it began and when it resets. */
  public record Month(
      BigDecimal spent, BigDecimal inFlight, long tasks, Instant since, Instant resetsAt) {}

  /** The caps alone, as stored. */
  public record Caps(BigDecimal monthlySpend, Integer monthlyTasks) {

    public static final Caps NONE = new Caps(null, null);

    public boolean any() {
      return monthlySpend != null || monthlyTasks != null;
    }
  }
}
