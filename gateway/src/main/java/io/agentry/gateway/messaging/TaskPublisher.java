package io.agentry.gateway.messaging;

import io.agentry.gateway.config.GatewayConfig;
import io.agentry.wire.TaskControl;
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
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Produces tasks, their QUEUED events and cancellations to Kafka, keyed by taskId. Each returned
 * {@link Uni} completes only when Kafka has acknowledged the record (acks=all), so a caller answers
 * its client after the ack and never before. Under a burst up to 8192 tasks and as many events wait
 * for the producer; past that a send fails at once and the submission is refused as {@code
 * queue-unavailable}.
 */
@ApplicationScoped
public class TaskPublisher {

  private final MutinyEmitter<byte[]> tasks;
  private final MutinyEmitter<byte[]> events;
  private final MutinyEmitter<byte[]> controls;
  private final TaskWaiters waiters;
  private final Duration timeout;

  public TaskPublisher(
      @Channel(Topics.AGENT_TASKS)
          @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
          MutinyEmitter<byte[]> tasks,
      @Channel(Topics.TASK_EVENTS)
          @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
          MutinyEmitter<byte[]> events,
      @Channel(Topics.TASK_CONTROL) MutinyEmitter<byte[]> controls,
      TaskWaiters waiters,
      GatewayConfig config) {
    this.tasks = tasks;
    this.events = events;
    this.controls = controls;
    this.waiters = waiters;
    this.timeout = config.tasks().publishTimeout();
  }

  /** Sends a task to the executors; watches of its user follow it (TaskWaiters#watch). */
  public Uni<Void> publish(TaskMessage task) {
    return Uni.createFrom()
        .deferred(
            () -> {
              waiters.publishing(task);
              return send(tasks, task.taskId(), WireCodec.encode(task));
            });
  }

  /** Sends a task event, e.g. QUEUED, so the task is visible at once. */
  public Uni<Void> publish(TaskEvent event) {
    return send(events, event.taskId(), WireCodec.encode(event));
  }

  /** Sends an instruction about a queued or running task (a cancellation) to every executor. */
  public Uni<Void> publish(TaskControl control) {
    return send(controls, control.taskId(), WireCodec.encode(control));
  }

  private Uni<Void> send(MutinyEmitter<byte[]> emitter, UUID taskId, byte[] value) {
    Message<byte[]> message =
        Message.of(value)
            .addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(taskId.toString()).build());
    return emitter.sendMessage(message).ifNoItem().after(timeout).fail();
  }
}
