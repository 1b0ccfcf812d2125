package io.agentry.results.messaging;

import io.agentry.wire.TaskEvent;
import io.agentry.wire.WireCodec;
import io.agentry.wire.WireFormatException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/** Decodes task-event records, in order, skipping (and logging) the unreadable ones. */
final class EventRecords {

  private EventRecords() {}

  static List<TaskEvent> decode(Iterable<ConsumerRecord<String, byte[]>> records, Logger log) {
    List<TaskEvent> events = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      TaskEvent event = decode(record, log);
      if (event != null) {
        events.add(event);
      }
    }
    return events;
  }

  /** The record's event, or null when it cannot be read. */
  static TaskEvent decode(ConsumerRecord<String, byte[]> record, Logger log) {
    try {
      return WireCodec.decodeEvent(record.value());
    } catch (WireFormatException e) {
      log.warnf(
          "Skipping an unreadable task event at %s-%d@%d: %s",
          record.topic(), record.partition(), record.offset(), e.reason());
      return null;
    }
  }
}
