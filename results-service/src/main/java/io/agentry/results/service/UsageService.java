package io.agentry.results.service;

import io.agentry.results.Caller;
import io.agentry.results.EarningsReport;
import io.agentry.results.UsageReport;
import io.agentry.results.repository.GroupBy;
import io.agentry.results.repository.UsageRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code GET /usage} (what the caller's tasks used and cost) and {@code GET /earnings} (what the
 * caller's agents earned), over tasks submitted in [{@code from}, {@code to}): by default the
 * current UTC month; at most {@link #MAX_PERIOD} at once.
 */
@ApplicationScoped
public class UsageService {

  static final Duration MAX_PERIOD = Duration.ofDays(366);

  private final UsageRepository usage;
  private final Clock clock = Clock.systemUTC();

  public UsageService(UsageRepository usage) {
    this.usage = usage;
  }

  public Uni<UsageReport> usage(Caller caller, String from, String to, String groupBy) {
    return Uni.createFrom()
        .item(() -> Period.of(from, to, groupBy, clock))
        .chain(period -> usage.usage(caller.id(), period.from, period.to, period.groupBy));
  }

  public Uni<EarningsReport> earnings(Caller caller, String from, String to, String groupBy) {
    return Uni.createFrom()
        .item(() -> Period.of(from, to, groupBy, clock))
        .chain(period -> usage.earnings(caller.id(), period.from, period.to, period.groupBy));
  }

  private record Period(Instant from, Instant to, GroupBy groupBy) {

    static Period of(String rawFrom, String rawTo, String rawGroupBy, Clock clock) {
      QueryParams params = new QueryParams();
      BillingMonth month = BillingMonth.current(clock);
      Instant from = params.instantOrDate("from", rawFrom);
      Instant to = params.instantOrDate("to", rawTo);
      GroupBy groupBy = params.groupBy(rawGroupBy);
      params.done();
      from = from == null ? month.since() : from;
      to = to == null ? month.resetsAt() : to;
      params.check(from.isBefore(to), "to", "must be after from");
      params.check(
          !from.plus(MAX_PERIOD).isBefore(to),
          "to",
          "must be at most " + MAX_PERIOD.toDays() + " days after from");
      params.done();
      return new Period(from, to, groupBy);
    }
  }
}
