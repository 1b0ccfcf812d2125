package io.agentry.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /earnings}: the caller's agents' charged runs among the tasks submitted in [{@code
 * from}, {@code to}), one row per agent or per UTC day, and the totals, which equal the sum of the
 * rows.
 */
public record EarningsReport(Instant from, Instant to, String groupBy, List<Row> rows, Row totals) {

  /**
   * One group ({@code agentId} or {@code day} set) or the totals (neither): the SUCCEEDED tasks
   * with a price above 0 and the sum of their prices.
   */
  public record Row(
      @JsonInclude(JsonInclude.Include.NON_NULL) UUID agentId,
      @JsonInclude(JsonInclude.Include.NON_NULL) String day,
      long paidRuns,
      BigDecimal revenue) {}
}
