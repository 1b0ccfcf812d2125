package io.agentry.executor.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentry.executor.config.ExecutorConfig;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;

/** A dead-letter copy is tried a bounded number of times, and once only when Kafka refuses it. */
class KafkaSendTest {

  private static final ExecutorConfig.Events FAST =
      new ExecutorConfig.Events() {
        @Override
        public Duration publishTimeout() {
          return Duration.ofSeconds(2);
        }

        @Override
        public Duration retryMaxBackoff() {
          return Duration.ofMillis(400);
        }

        @Override
        public int deadLetterAttempts() {
          return 3;
        }
      };

  @Test
  void aRecordKafkaRefusesForGoodIsTriedOnceAndGivenUp() {
    AtomicInteger tries = new AtomicInteger();
    Uni<Void> tooLarge =
        Uni.createFrom()
            .emitter(
                e -> {
                  tries.incrementAndGet();
                  e.fail(new RecordTooLargeException("the record is 16777300 bytes"));
                });

    assertFalse(KafkaSend.bounded(tooLarge, FAST, 3, "a 16 MiB dead letter"));
    assertEquals(1, tries.get());
  }

  @Test
  void aRetriableFailureIsTriedTheGivenNumberOfTimesThenGivenUp() {
    AtomicInteger tries = new AtomicInteger();
    Uni<Void> down =
        Uni.createFrom()
            .emitter(
                e -> {
                  tries.incrementAndGet();
                  e.fail(new NetworkException("broker down"));
                });

    assertFalse(KafkaSend.bounded(down, FAST, 3, "a dead letter"));
    assertEquals(3, tries.get());
  }

  @Test
  void aSendThatSucceedsOnItsSecondTryIsDelivered() {
    AtomicInteger tries = new AtomicInteger();
    Uni<Void> flaky =
        Uni.createFrom()
            .emitter(
                e -> {
                  if (tries.incrementAndGet() == 1) {
                    e.fail(new NetworkException("broker down"));
                  } else {
                    e.complete(null);
                  }
                });

    assertTrue(KafkaSend.bounded(flaky, FAST, 3, "a dead letter"));
    assertEquals(2, tries.get());
  }
}
