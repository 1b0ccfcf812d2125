package io.agentry.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /usage}: what the caller's tasks submitted in [{@code from}, {@code to}) used and
 * cost, one row per agent or per UTC day, and the totals, which equal the sum of the rows.
 */
public record UsageReport(Instant from, Instant to, String groupBy, List<Row> rows, Row totals) {

  /**
   * One group ({@code agentId} or {@code day} set) or the totals (neither). {@code
   * memoryMibSeconds} is the sum over the runs of peak memory (MiB) x wall time (s); {@code spend}
   * the sum of the prices of the SUCCEEDED tasks, the only ones charged.
   */
  public record Row(
      @JsonInclude(JsonInclude.Include.NON_NULL) UUID agentId,
      @JsonInclude(JsonInclude.Include.NON_NULL) String day,
      TaskCounts tasks,
      long cpuMs,
      long wallMs,
      BigDecimal memoryMibSeconds,
      long httpRequests,
      long httpBytes,
      BigDecimal spend) {}

  /** Tasks by their current status, and all of them. */
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
