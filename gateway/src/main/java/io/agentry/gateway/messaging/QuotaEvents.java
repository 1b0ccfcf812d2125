package io.agentry.gateway.messaging;

import io.agentry.gateway.repository.TaskReservationRepository;
import io.agentry.gateway.repository.TaskReservationRepository.Ended;
import io.agentry.wire.TaskEvent;
import io.agentry.wire.WireCodec;
import io.agentry.wire.WireFormatException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Ends the quota reservations of tasks that reached a terminal status. The gateway replicas read
 * {@code task-events} together in the consumer group {@code gateway-quotas}; a batch's offsets are
 * committed only after its reservations are ended (retried with back-off and jitter until the
 * database takes it). Unreadable events are skipped: they cannot end a task of anyone's.
 */
@ApplicationScoped
public class QuotaEvents {

  /** The incoming channel that reads {@code task-events} for the quotas. */
  public static final String CHANNEL = "task-events-quota";

  private static final Logger LOG = Logger.getLogger(QuotaEvents.class);

  private final TaskReservationRepository reservations;

  public QuotaEvents(TaskReservationRepository reservations) {
    this.reservations = reservations;
  }

  @Incoming(CHANNEL)
  public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
    List<Ended> ended = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      TaskEvent event = decode(record);
      if (event != null && event.status().isTerminal() && event.userId() != null) {
        ended.add(new Ended(event.taskId(), event.userId()));
      }
    }
    if (ended.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return reservations
        .end(ended)
        .onFailure()
        .invoke(e -> LOG.warnf("Could not end %d task reservations, retrying: %s", ended.size(), e))
        .onFailure()
        .retry()
        .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10))
        .withJitter(0.5)
        .indefinitely();
  }

  private static TaskEvent decode(ConsumerRecord<String, byte[]> record) {
    try {
      return WireCodec.decodeEvent(record.value());
    } catch (WireFormatException e) {
      LOG.debugf("Skipping an unreadable task event: %s", e.reason());
      return null;
    }
  }
}
