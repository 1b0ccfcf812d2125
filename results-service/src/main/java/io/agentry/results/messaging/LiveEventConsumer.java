package io.agentry.results.messaging;

import io.agentry.results.live.LiveBroadcaster;
import io.agentry.wire.TaskEvent;
import io.agentry.wire.WireCodec;
import io.agentry.wire.WireFormatException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Feeds the WebSocket fan-out. Reads {@code task-events} in a consumer group of this instance's own
 * (from the latest offset, never committing), so every instance sees every event and can serve any
 * client. Independent of persistence: a client may see an event a moment before a query does.
 */
@ApplicationScoped
public class LiveEventConsumer {

  /** The channel: the same topic as persistence, a different consumer group. */
  public static final String CHANNEL = "task-events-live";

  private static final Logger LOG = Logger.getLogger(LiveEventConsumer.class);

  private final LiveBroadcaster broadcaster;

  public LiveEventConsumer(LiveBroadcaster broadcaster) {
    this.broadcaster = broadcaster;
  }

  /**
   * Hands the batch to the connections without blocking. A reactive signature keeps this on the
   * consumer's event loop, so batches are delivered one after the other, in partition order.
   */
  @Incoming(CHANNEL)
  public Uni<Void> deliver(ConsumerRecords<String, byte[]> records) {
    for (ConsumerRecord<String, byte[]> record : records) {
      TaskEvent event;
      try {
        event = WireCodec.decodeEvent(record.value());
      } catch (WireFormatException e) {
        // The persisting consumer reports it.
        LOG.debugf("Not forwarding an unreadable task event: %s", e.reason());
        continue;
      }
      broadcaster.publish(event);
    }
    return Uni.createFrom().voidItem();
  }
}
