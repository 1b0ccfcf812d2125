package io.agentry.client.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@code GET /usage}: what the caller's tasks used and cost, by agent or day, and the totals. */
public record Usage(Instant from, Instant to, String groupBy, List<Row> rows, Row totals) {

  /** One group ({@code agentId} or {@code day}) or the totals (neither). */
  public record Row(
      UUID agentId,
      String day,
      TaskCounts tasks,
      long cpuMs,
      long wallMs,
      BigDecimal memoryMibSeconds,
      long httpRequests,
      long httpBytes,
      BigDecimal spend) {}

  /** Tasks by their current status. */
  public record TaskCounts(
      long total,
      long queued,
      long running,
      long succeeded,
      long failed,
      long timedOut,
      long cancelled,
      long rejected) {}
}
