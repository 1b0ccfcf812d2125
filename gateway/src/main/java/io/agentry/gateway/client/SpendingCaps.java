package io.agentry.gateway.client;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A user's monthly caps as results-service keeps them (null: no cap) and, when there is a cap,
 * where the current month stands ({@code month} null otherwise).
 */
public record SpendingCaps(BigDecimal monthlySpend, Integer monthlyTasks, Month month) {

  /**
   * The month so far: the price of its SUCCEEDED tasks, of its tasks still queued or running, and
   * its number of tasks.
   */
  public record Month(BigDecimal spent, BigDecimal inFlight, long tasks, Instant resetsAt) {}
}
