package io.agentry.results.messaging;

import io.agentry.results.config.ResultsConfig;
import io.agentry.results.repository.TaskEventWriter;
import io.agentry.wire.TaskEvent;
import io.agentry.wire.Topics;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Persists every task event, a polled batch in one transaction. The batch's offsets are committed
 * only after the write commits; a write that fails is retried with back-off until the database
 * takes it, so nothing is skipped. Unreadable records are logged and skipped.
 */
@ApplicationScoped
public class TaskEventConsumer {

  private static final Logger LOG = Logger.getLogger(TaskEventConsumer.class);

  private final TaskEventWriter writer;
  private final ResultsConfig config;
  private final PersistenceMetrics metrics;

  public TaskEventConsumer(
      TaskEventWriter writer, ResultsConfig config, PersistenceMetrics metrics) {
    this.writer = writer;
    this.config = config;
    this.metrics = metrics;
  }

  @Incoming(Topics.TASK_EVENTS)
  public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
    List<TaskEvent> events = EventRecords.decode(records, LOG);
    if (events.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    var persistence = config.persistence();
    return writer
        .record(events)
        .onFailure()
        .invoke(
            failure ->
                LOG.warnf(
                    "Could not record a batch of %d task events, retrying: %s",
                    events.size(), failure.getMessage()))
        .onFailure()
        .retry()
        .withBackOff(persistence.retryInitialBackoff(), persistence.retryMaxBackoff())
        .indefinitely()
        .invoke(() -> metrics.committed(events));
  }
}
