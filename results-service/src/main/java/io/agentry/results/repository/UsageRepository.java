package io.agentry.results.repository;

import io.agentry.results.EarningsReport;
import io.agentry.results.SpendingLimits;
import io.agentry.results.UsageReport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Usage, spend and earnings from the {@code tasks} rows and their results. A task is charged its
 * price exactly when its one row says SUCCEEDED, so every figure here counts each task once,
 * however often its events were delivered. Each report's totals come from the same query as its
 * rows ({@code GROUPING SETS}).
 */
@ApplicationScoped
public class UsageRepository {

  private static final String USAGE =
      """
      SELECT %s AS key, grouping(%<s) = 1 AS is_total,
             count(*) AS total,
             count(*) FILTER (WHERE t.status = 'QUEUED') AS queued,
             count(*) FILTER (WHERE t.status = 'RUNNING') AS running,
             count(*) FILTER (WHERE t.status = 'SUCCEEDED') AS succeeded,
             count(*) FILTER (WHERE t.status = 'FAILED') AS failed,
             count(*) FILTER (WHERE t.status = 'TIMED_OUT') AS timed_out,
             count(*) FILTER (WHERE t.status = 'CANCELLED') AS cancelled,
             count(*) FILTER (WHERE t.status = 'REJECTED') AS rejected,
             COALESCE(sum(r.usage_cpu_ms), 0)::int8 AS cpu_ms,
             COALESCE(sum(r.usage_wall_ms), 0)::int8 AS wall_ms,
             COALESCE(sum(r.usage_memory_peak_mb::int8 * r.usage_wall_ms), 0) AS memory_mib_ms,
             COALESCE(sum(r.usage_http_requests), 0)::int8 AS http_requests,
             COALESCE(sum(r.usage_http_bytes), 0)::int8 AS http_bytes,
             COALESCE(sum(t.price) FILTER (WHERE t.status = 'SUCCEEDED'), 0) AS spend
        FROM tasks t LEFT JOIN task_results r ON r.task_id = t.task_id
       WHERE t.user_id = $1 AND t.submitted_at >= $2 AND t.submitted_at < $3
       GROUP BY GROUPING SETS ((%<s), ())
       ORDER BY is_total, key
      """;

  private static final String EARNINGS =
      """
      SELECT %s AS key, grouping(%<s) = 1 AS is_total,
             count(*) AS paid_runs, COALESCE(sum(t.price), 0) AS revenue
        FROM tasks t
       WHERE t.author_id = $1 AND t.status = 'SUCCEEDED' AND t.price > 0
         AND t.submitted_at >= $2 AND t.submitted_at < $3
       GROUP BY GROUPING SETS ((%<s), ())
       ORDER BY is_total, key
      """;

  private static final String MONTH =
      """
      SELECT count(*) AS tasks,
             COALESCE(sum(price) FILTER (WHERE status = 'SUCCEEDED'), 0) AS spent,
             COALESCE(sum(price) FILTER (WHERE status_rank < 2), 0) AS in_flight
        FROM tasks
       WHERE user_id = $1 AND submitted_at >= $2 AND submitted_at < $3
      """;

  private final Pool pool;

  public UsageRepository(Pool pool) {
    this.pool = pool;
  }

  public Uni<UsageReport> usage(UUID userId, Instant from, Instant to, GroupBy groupBy) {
    return pool.preparedQuery(USAGE.formatted(groupBy.keySql()))
        .execute(Tuple.of(userId, Rows.utc(from), Rows.utc(to)))
        .map(
            rows -> {
              List<UsageReport.Row> groups = new ArrayList<>();
              UsageReport.Row totals = null;
              for (Row row : rows) {
                boolean isTotal = row.getBoolean("is_total");
                UsageReport.Row usage =
                    usageRow(row, isTotal ? null : row.getString("key"), groupBy);
                if (isTotal) {
                  totals = usage;
                } else {
                  groups.add(usage);
                }
              }
              return new UsageReport(
                  from, to, groupBy.parameter(), groups, totals == null ? emptyUsage() : totals);
            });
  }

  public Uni<EarningsReport> earnings(UUID authorId, Instant from, Instant to, GroupBy groupBy) {
    return pool.preparedQuery(EARNINGS.formatted(groupBy.keySql()))
        .execute(Tuple.of(authorId, Rows.utc(from), Rows.utc(to)))
        .map(
            rows -> {
              List<EarningsReport.Row> groups = new ArrayList<>();
              EarningsReport.Row totals = new EarningsReport.Row(null, null, 0, money(null));
              for (Row row : rows) {
                String key = row.getBoolean("is_total") ? null : row.getString("key");
                EarningsReport.Row earning =
                    new EarningsReport.Row(
                        key != null && groupBy == GroupBy.AGENT ? UUID.fromString(key) : null,
                        groupBy == GroupBy.DAY ? key : null,
                        row.getLong("paid_runs"),
                        money(row.getBigDecimal("revenue")));
                if (key == null) {
                  totals = earning;
                } else {
                  groups.add(earning);
                }
              }
              return new EarningsReport(from, to, groupBy.parameter(), groups, totals);
            });
  }

  /** The user's tasks submitted in [{@code since}, {@code until}): count, spent and in flight. */
  public Uni<SpendingLimits.Month> month(UUID userId, Instant since, Instant until) {
    return pool.preparedQuery(MONTH)
        .execute(Tuple.of(userId, Rows.utc(since), Rows.utc(until)))
        .map(rows -> rows.iterator().next())
        .map(
            row ->
                new SpendingLimits.Month(
                    money(row.getBigDecimal("spent")),
                    money(row.getBigDecimal("in_flight")),
                    row.getLong("tasks"),
                    since,
                    until));
  }

  private static UsageReport.Row usageRow(Row row, String key, GroupBy groupBy) {
    return new UsageReport.Row(
        key != null && groupBy == GroupBy.AGENT ? UUID.fromString(key) : null,
        key != null && groupBy == GroupBy.DAY ? key : null,
        new UsageReport.TaskCounts(
            row.getLong("total"),
            row.getLong("queued"),
            row.getLong("running"),
            row.getLong("succeeded"),
            row.getLong("failed"),
            row.getLong("timed_out"),
            row.getLong("cancelled"),
            row.getLong("rejected")),
        row.getLong("cpu_ms"),
        row.getLong("wall_ms"),
        row.getBigDecimal("memory_mib_ms").movePointLeft(3).setScale(3, RoundingMode.UNNECESSARY),
        row.getLong("http_requests"),
        row.getLong("http_bytes"),
        money(row.getBigDecimal("spend")));
  }

  private static UsageReport.Row emptyUsage() {
    return new UsageReport.Row(
        null,
        null,
        new UsageReport.TaskCounts(0, 0, 0, 0, 0, 0, 0, 0),
        0,
        0,
        BigDecimal.ZERO.setScale(3),
        0,
        0,
        money(null));
  }

  private static BigDecimal money(BigDecimal value) {
    return (value == null ? BigDecimal.ZERO : value).setScale(2, RoundingMode.UNNECESSARY);
  }
}
