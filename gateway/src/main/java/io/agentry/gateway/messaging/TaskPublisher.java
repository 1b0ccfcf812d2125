package io.agentry.gateway.messaging;

import io.agentry.gateway.config.GatewayConfig;
import io.agentry.wire.TaskEvent;
import io.agentry.wire.TaskMessage;
import io.agentry.wire.Topics;
import io.agentry.wire.WireCodec;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Produces tasks and their QUEUED events to Kafka, keyed by taskId. Each returned {@link Uni}
 * completes only when Kafka has acknowledged the record (acks=all), so a caller answers its client
 * after the ack and never before.
 */
@ApplicationScoped
public class TaskPublisher {

  private final MutinyEmitter<byte[]> tasks;
  private final MutinyEmitter<byte[]> events;
  private final Duration timeout;

  public TaskPublisher(
      @Channel(Topics.AGENT_TASKS) MutinyEmitter<byte[]> tasks,
      @Channel(Topics.TASK_EVENTS) MutinyEmitter<byte[]> events,
      GatewayConfig config) {
    this.tasks = tasks;
    this.events = events;
    this.timeout = config.tasks().publishTimeout();
  }

  /** Sends a task to the executors. */
  public Uni<Void> publish(TaskMessage task) {
    return send(tasks, task.taskId(), WireCodec.encode(task));
  }

  /** Sends a task event, e.g. QUEUED, so the task is visible at once. */
  public Uni<Void> publish(TaskEvent event) {
    return send(events, event.taskId(), WireCodec.encode(event));
  }

  private Uni<Void> send(MutinyEmitter<byte[]> emitter, UUID taskId, byte[] value) {
    Message<byte[]> message =
        Message.of(value)
            .addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(taskId.toString()).build());
    return emitter.sendMessage(message).ifNoItem().after(timeout).fail();
  }
}
