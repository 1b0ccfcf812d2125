package io.agentry.results.messaging;

import io.agentry.wire.TaskEvent;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** How far persistence runs behind the events, and how large its batches are. */
@ApplicationScoped
public class PersistenceMetrics {

  private final Timer terminalLag;
  private final DistributionSummary batchSize;

  public PersistenceMetrics(MeterRegistry registry) {
    this.terminalLag =
        Timer.builder("agentry.results.persist.lag")
            .description("From a terminal event's time (its at) to the commit of its row")
            .publishPercentileHistogram()
            .maximumExpectedValue(Duration.ofMinutes(10))
            .register(registry);
    this.batchSize =
        DistributionSummary.builder("agentry.results.persist.batch.size")
            .description("Task events written in one transaction")
            .register(registry);
  }

  /** {@code events} were committed just now. */
  void committed(List<TaskEvent> events) {
    Instant now = Instant.now();
    batchSize.record(events.size());
    for (TaskEvent event : events) {
      if (event.status().isTerminal()) {
        Duration lag = Duration.between(event.at(), now);
        terminalLag.record(lag.isNegative() ? Duration.ZERO : lag);
      }
    }
  }
}
