package io.agentry.registry.messaging;

import io.agentry.registry.config.RegistryConfig;
import io.agentry.registry.repository.CompletedTask;
import io.agentry.registry.repository.TaskCountRepository;
import io.agentry.wire.TaskEvent;
import io.agentry.wire.Topics;
import io.agentry.wire.WireCodec;
import io.agentry.wire.WireFormatException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps each agent's {@code tasksCompleted} in step with {@code task-events}: every task that ran
 * to an end (SUCCEEDED, FAILED, TIMED_OUT) counts once, however often its event is redelivered, and
 * its user is recorded as having run the agent (which lets them rate it). The offsets of a polled
 * batch are committed only after its counts are written, in one statement; a failed write is
 * retried with back-off.
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

  /** A polled batch: its completed tasks are counted in one statement. */
  @Incoming(Topics.TASK_EVENTS)
  public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
    Map<UUID, CompletedTask> byTask = new LinkedHashMap<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      TaskEvent event = decode(record);
      if (event != null && event.status().isCompleted() && event.agentId() != null) {
        byTask.putIfAbsent(
            event.taskId(), new CompletedTask(event.taskId(), event.agentId(), event.userId()));
      }
    }
    List<CompletedTask> completed = List.copyOf(byTask.values());
    if (completed.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    var events = config.events();
    return counts
        .countCompleted(completed)
        .onFailure()
        .invoke(
            failure ->
                LOG.warnf(
                    "Could not count a batch of %d completed tasks, retrying: %s",
                    completed.size(), failure.getMessage()))
        .onFailure()
        .retry()
        .withBackOff(events.retryInitialBackoff(), events.retryMaxBackoff())
        .indefinitely()
        .replaceWithVoid();
  }

  private static TaskEvent decode(ConsumerRecord<String, byte[]> record) {
    try {
      return WireCodec.decodeEvent(record.value());
    } catch (WireFormatException e) {
      LOG.warnf(
          "Skipping an unreadable task event at %s-%d@%d: %s",
          record.topic(), record.partition(), record.offset(), e.reason());
      return null;
    }
  }
}
