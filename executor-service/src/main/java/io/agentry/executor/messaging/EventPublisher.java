package io.agentry.executor.messaging;

import io.agentry.executor.config.ExecutorConfig;
import io.agentry.wire.TaskEvent;
import io.agentry.wire.Topics;
import io.agentry.wire.WireCodec;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes task events to {@link Topics#TASK_EVENTS}, keyed by taskId. */
@ApplicationScoped
public class EventPublisher {

  private final MutinyEmitter<byte[]> events;
  private final ExecutorConfig.Events config;

  public EventPublisher(
      @Channel(Topics.TASK_EVENTS) MutinyEmitter<byte[]> events, ExecutorConfig config) {
    this.events = events;
    this.config = config.events();
  }

  /** Returns once Kafka acknowledged the event (acks=all), trying again until it does. */
  public void publish(TaskEvent event) {
    send(event).toCompletableFuture().join();
  }

  /**
   * Sends the event now and returns at once; the stage completes once Kafka acknowledged it
   * (acks=all), trying again until it does. Events of one task go to one partition through one
   * idempotent producer, so Kafka keeps them in the order they were sent.
   */
  public CompletionStage<Void> send(TaskEvent event) {
    return KafkaSend.send(
            events,
            event.taskId().toString(),
            WireCodec.encode(event),
            List.of(),
            config,
            "the " + event.status() + " event of task " + event.taskId())
        .subscribeAsCompletionStage();
  }
}
