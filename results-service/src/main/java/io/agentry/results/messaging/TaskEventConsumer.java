package io.agentry.results.messaging;

import io.agentry.results.config.ResultsConfig;
import io.agentry.results.repository.TaskEventWriter;
import io.agentry.wire.TaskEvent;
import io.agentry.wire.Topics;
import io.agentry.wire.WireCodec;
import io.agentry.wire.WireFormatException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Persists every task event. The offset is committed only after the write commits; a write that
 * fails is retried with back-off until the database takes it, so nothing is skipped.
 */
@ApplicationScoped
public class TaskEventConsumer {

  private static final Logger LOG = Logger.getLogger(TaskEventConsumer.class);

  private final TaskEventWriter writer;
  private final ResultsConfig config;

  public TaskEventConsumer(TaskEventWriter writer, ResultsConfig config) {
    this.writer = writer;
    this.config = config;
  }

  @Incoming(Topics.TASK_EVENTS)
  public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
    TaskEvent event;
    try {
      event = WireCodec.decodeEvent(record.value());
    } catch (WireFormatException e) {
      LOG.warnf(
          "Skipping an unreadable task event at %s-%d@%d: %s",
          record.topic(), record.partition(), record.offset(), e.reason());
      return Uni.createFrom().voidItem();
    }
    var persistence = config.persistence();
    return writer
        .record(event)
        .onFailure()
        .invoke(
            failure ->
                LOG.warnf(
                    "Could not record the %s event of task %s, retrying: %s",
                    event.status(), event.taskId(), failure.getMessage()))
        .onFailure()
        .retry()
        .withBackOff(persistence.retryInitialBackoff(), persistence.retryMaxBackoff())
        .indefinitely();
  }
}
