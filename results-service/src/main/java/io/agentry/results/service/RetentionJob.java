package io.agentry.results.service;

import io.agentry.results.config.ResultsConfig;
import io.agentry.results.repository.RetentionRepository;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Deletes results older than {@code agentry.results.retention.max-age}, with their tasks, in
 * batches of {@code batch-size} until none are left, every {@code interval}. Small batches keep
 * each transaction short, so the event consumer is never held up for long.
 */
@ApplicationScoped
public class RetentionJob {

  private static final Logger LOG = Logger.getLogger(RetentionJob.class);

  private final RetentionRepository repository;
  private final ResultsConfig.Retention config;

  public RetentionJob(RetentionRepository repository, ResultsConfig config) {
    this.repository = repository;
    this.config = config.retention();
  }

  @Scheduled(
      identity = "results-retention",
      every = "${agentry.results.retention.interval:1h}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> run() {
    return purge(Instant.now().minus(config.maxAge()))
        .invoke(
            deleted -> {
              if (deleted > 0) {
                LOG.infof("Retention deleted %d results older than %s", deleted, config.maxAge());
              }
            })
        .onFailure()
        .invoke(failure -> LOG.warnf("Retention did not finish: %s", failure.getMessage()))
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }

  /** Deletes every result created before {@code cutoff}; the number deleted. */
  public Uni<Long> purge(Instant cutoff) {
    int batch = config.batchSize();
    return Multi.createBy()
        .repeating()
        .uni(() -> repository.deleteBefore(cutoff, batch))
        .whilst(deleted -> deleted == batch)
        .collect()
        .with(Collectors.summingLong(Integer::longValue));
  }
}
