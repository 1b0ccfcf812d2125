package io.agentry.executor.messaging;

import io.agentry.executor.service.ExecutorMetrics;
import io.agentry.executor.service.TaskLedger;
import io.agentry.wire.TaskControl;
import io.agentry.wire.Topics;
import io.agentry.wire.WireCodec;
import io.agentry.wire.WireFormatException;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads {@link Topics#TASK_CONTROL} in a consumer group of this executor's own (see {@link
 * io.agentry.executor.config.ControlGroup}), so every executor sees every cancellation: a task
 * running here is stopped, one that arrives later never runs. On start it also reads back the
 * recent past of the topic (see {@link ControlReplay}). A record that cannot be read is logged and
 * skipped.
 */
@ApplicationScoped
public class ControlConsumer {

  private static final Logger LOG = Logger.getLogger(ControlConsumer.class);

  private final TaskLedger ledger;
  private final ExecutorMetrics metrics;
  private final ControlReplay replay;

  public ControlConsumer(TaskLedger ledger, ExecutorMetrics metrics, ControlReplay replay) {
    this.ledger = ledger;
    this.metrics = metrics;
    this.replay = replay;
  }

  @Incoming(Topics.TASK_CONTROL)
  public void consume(ConsumerRecord<String, byte[]> record) {
    try {
      apply(record);
    } finally {
      replay.read(record);
    }
  }

  private void apply(ConsumerRecord<String, byte[]> record) {
    TaskControl control;
    try {
      control = WireCodec.decodeControl(record.value());
    } catch (WireFormatException e) {
      LOG.warnf(
          "Skipping the control record at %s-%d@%d: %s",
          record.topic(), record.partition(), record.offset(), e.reason());
      return;
    }
    metrics.cancellationRead();
    ledger.cancel(control);
  }
}
