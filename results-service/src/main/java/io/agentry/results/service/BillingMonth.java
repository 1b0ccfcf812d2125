package io.agentry.results.service;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

/** The UTC calendar month that spending caps count in: when it began and when it resets. */
record BillingMonth(Instant since, Instant resetsAt) {

  static BillingMonth current(Clock clock) {
    YearMonth month = YearMonth.now(clock.withZone(ZoneOffset.UTC));
    return new BillingMonth(start(month), start(month.plusMonths(1)));
  }

  private static Instant start(YearMonth month) {
    return month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
