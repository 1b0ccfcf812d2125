package io.agentry.registry.messaging;

import io.agentry.registry.config.RegistryConfig;
import io.agentry.registry.repository.TaskCountRepository;
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
 * Keeps each agent's {@code tasksCompleted} in step with {@code task-events}: every task that ran
 * to an end (SUCCEEDED, FAILED, TIMED_OUT) counts once, however often its event is redelivered. The
 * offset is committed only after the count is written; a failed write is retried with back-off.
 */
@ApplicationScoped
public class TaskEventConsumer {

  private static final Logger LOG = Logger.getLogger(TaskEventConsumer.class);

  private final TaskCountRepository counts;
  private final RegistryConfig config;

  public TaskEventConsumer(TaskCountRepository counts, RegistryConfig config) {
    this.counts = counts;
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
    if (!event.status().isCompleted()) {
      return Uni.createFrom().voidItem();
    }
    var events = config.events();
    return counts
        .countCompleted(event.taskId(), event.agentId())
        .onFailure()
        .invoke(
            failure ->
                LOG.warnf(
                    "Could not count task %s of agent %s, retrying: %s",
                    event.taskId(), event.agentId(), failure.getMessage()))
        .onFailure()
        .retry()
        .withBackOff(events.retryInitialBackoff(), events.retryMaxBackoff())
        .indefinitely()
        .replaceWithVoid();
  }
}
