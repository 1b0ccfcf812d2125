package io.agentry.client.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@code GET /earnings}: the caller's agents' paid runs and revenue, by agent or day. */
public record Earnings(Instant from, Instant to, String groupBy, List<Row> rows, Row totals) {

  /** One group ({@code agentId} or {@code day}) or the totals (neither). */
  public record Row(UUID agentId, String day, long paidRuns, BigDecimal revenue) {}
}
