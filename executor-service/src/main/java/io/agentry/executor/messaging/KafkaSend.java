package io.agentry.executor.messaging;

import io.agentry.executor.config.ExecutorConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Sends one record, trying again with back-off for as long as Kafka does not acknowledge it: the
 * caller acknowledges its input record only after the send completed.
 */
final class KafkaSend {

  private static final Logger LOG = Logger.getLogger(KafkaSend.class);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);

  private KafkaSend() {}

  /**
   * @param key the record key, or null for none
   * @param value the record value, or null for a tombstone
   * @param what names the record in the log when a try fails
   */
  static void await(
      MutinyEmitter<byte[]> emitter,
      String key,
      byte[] value,
      List<RecordHeader> headers,
      ExecutorConfig.Events config,
      String what) {
    send(emitter, key, value, headers, config, what).await().indefinitely();
  }

  /**
   * Sends one record, trying at most {@code attempts} times in all and not again after a failure
   * that Kafka reports as final (one that is not a {@link RetriableException}, e.g. a record too
   * large for the topic, or a timeout of our own).
   *
   * @return true when Kafka acknowledged the record, false when it was given up
   */
  static boolean bounded(
      MutinyEmitter<byte[]> emitter,
      String key,
      byte[] value,
      List<RecordHeader> headers,
      ExecutorConfig.Events config,
      int attempts,
      String what) {
    OutgoingKafkaRecordMetadata<String> metadata =
        OutgoingKafkaRecordMetadata.<String>builder().withKey(key).withHeaders(headers).build();
    return bounded(
        emitter.sendMessage(Message.of(value).addMetadata(metadata)), config, attempts, what);
  }

  /**
   * Subscribes to {@code send} (a lazy send: each subscription sends again) at most {@code
   * attempts} times, not again after a final failure.
   *
   * @return true when a send succeeded, false when it was given up
   */
  static boolean bounded(Uni<Void> send, ExecutorConfig.Events config, int attempts, String what) {
    try {
      send.ifNoItem()
          .after(config.publishTimeout())
          .fail()
          .onFailure(KafkaSend::retriable)
          .invoke(failure -> LOG.warnf("Kafka did not take %s, trying again: %s", what, failure))
          .onFailure(KafkaSend::retriable)
          .retry()
          .withBackOff(FIRST_BACKOFF, config.retryMaxBackoff())
          .atMost(Math.max(0, attempts - 1))
          .await()
          .indefinitely();
      return true;
    } catch (RuntimeException e) {
      LOG.errorf("Kafka did not take %s, given up: %s", what, e.toString());
      return false;
    }
  }

  /** True when trying again may succeed: Kafka says so, or it did not answer in time. */
  private static boolean retriable(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof RetriableException || cause instanceof TimeoutException) {
        return true;
      }
    }
    return false;
  }

  /**
   * Like {@link #await} without blocking: the returned Uni, once subscribed, completes when Kafka
   * acknowledged the record.
   */
  static Uni<Void> send(
      MutinyEmitter<byte[]> emitter,
      String key,
      byte[] value,
      List<RecordHeader> headers,
      ExecutorConfig.Events config,
      String what) {
    OutgoingKafkaRecordMetadata<String> metadata =
        OutgoingKafkaRecordMetadata.<String>builder().withKey(key).withHeaders(headers).build();
    // The emitter's Uni is lazy: each retry subscribes again and so sends again.
    Uni<Void> send = emitter.sendMessage(Message.of(value).addMetadata(metadata));
    return send.ifNoItem()
        .after(config.publishTimeout())
        .fail()
        .onFailure()
        .invoke(failure -> LOG.warnf("Kafka did not take %s, trying again: %s", what, failure))
        .onFailure()
        .retry()
        .withBackOff(FIRST_BACKOFF, config.retryMaxBackoff())
        .indefinitely();
  }
}
