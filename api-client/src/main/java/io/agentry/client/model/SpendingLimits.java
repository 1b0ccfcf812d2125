package io.agentry.client.model;

import java.math.BigDecimal;
import java.time.Instant;

/** {@code /users/me/limits}: the monthly caps (null: no cap) and the current UTC month. */
public record SpendingLimits(BigDecimal monthlySpend, Integer monthlyTasks, Month month) {

  /** What the month's tasks were charged, what its queued or running tasks would cost, and more. */
  public record Month(
      BigDecimal spent, BigDecimal inFlight, long tasks, Instant since, Instant resetsAt) {}

  /** The body of {@code PUT /users/me/limits}. */
  public record Caps(BigDecimal monthlySpend, Integer monthlyTasks) {}
}
