package io.agentry.executor.messaging;

import io.agentry.executor.config.ExecutorConfig;
import io.agentry.executor.config.ExecutorIdentity;
import io.agentry.executor.service.ExecutorMetrics;
import io.agentry.sandbox.ErrorText;
import io.agentry.wire.TaskEvent;
import io.agentry.wire.Topics;
import io.agentry.wire.WireFormatException;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

/**
 * Refuses task records that cannot be read: an unchanged copy goes to {@link
 * Topics#AGENT_TASKS_DLQ} with the reason in the {@link Topics#DLQ_REASON_HEADER} header, and a
 * task whose id is readable gets a REJECTED event.
 */
@ApplicationScoped
public class DeadLetters {

  private static final Logger LOG = Logger.getLogger(DeadLetters.class);
  private final MutinyEmitter<byte[]> deadLetters;
  private final EventPublisher events;
  private final ExecutorConfig.Events config;
  private final String executorId;
  private final ExecutorMetrics metrics;

  public DeadLetters(
      @Channel(Topics.AGENT_TASKS_DLQ) MutinyEmitter<byte[]> deadLetters,
      EventPublisher events,
      ExecutorConfig config,
      ExecutorIdentity identity,
      ExecutorMetrics metrics) {
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.events = events;
    this.config = config.events();
    this.executorId = identity.id();
  }

  /**
   * Returns once Kafka acknowledged the copy, or the copy was given up (at most {@code
   * dead-letter-attempts} tries, none more after a final refusal: logged and counted), and, if any,
   * the REJECTED event: one record that cannot be copied never stops the consumer.
   */
  public void refuse(ConsumerRecord<String, byte[]> record, WireFormatException failure) {
    String reason = ErrorText.of(failure.reason());
    LOG.warnf(
        "Refusing the task record at %s-%d@%d: %s",
        record.topic(), record.partition(), record.offset(), reason);
    boolean copied =
        KafkaSend.bounded(
            deadLetters,
            record.key(),
            record.value(),
            List.of(
                new RecordHeader(
                    Topics.DLQ_REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8))),
            config,
            config.deadLetterAttempts(),
            "the dead letter of "
                + record.topic()
                + "-"
                + record.partition()
                + "@"
                + record.offset()
                + " ("
                + (record.value() == null ? 0 : record.value().length)
                + " bytes)");
    if (!copied) {
      metrics.deadLetterDropped();
    }
    if (failure.taskId().isPresent()) {
      events.publish(
          TaskEvent.rejected(
              failure.taskId().get(),
              failure.agentId().orElse(null),
              failure.userId().orElse(null),
              executorId,
              Instant.now(),
              "malformed task record: " + reason));
    }
  }
}
