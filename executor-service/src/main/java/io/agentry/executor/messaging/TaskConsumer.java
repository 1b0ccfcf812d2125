package io.agentry.executor.messaging;

import io.agentry.executor.config.ExecutorConfig;
import io.agentry.executor.config.ExecutorIdentity;
import io.agentry.executor.service.TaskLedger;
import io.agentry.executor.service.TaskRunner;
import io.agentry.executor.service.WorkerPool;
import io.agentry.wire.TaskMessage;
import io.agentry.wire.Topics;
import io.agentry.wire.WireCodec;
import io.agentry.wire.WireFormatException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Consumes {@link Topics#AGENT_TASKS} (group {@code executors}) into the {@link WorkerPool}, never
 * on the event loop. The next record is taken only once a worker took this one, so when every
 * worker is busy, consumption pauses and Kafka keeps the records. A record is acknowledged after
 * its terminal event (or its dead letter) was acknowledged by Kafka; the offset commit follows. A
 * worker takes the next task as soon as it sent a terminal event, without waiting for the ack. On
 * shutdown, runs still going at the end of the grace period are stopped and their records stay
 * unacknowledged, for another executor.
 */
@ApplicationScoped
public class TaskConsumer {

  private static final Logger LOG = Logger.getLogger(TaskConsumer.class);
  private static final Duration ACK_WAIT = Duration.ofSeconds(5);

  private final TaskRunner runner;
  private final DeadLetters deadLetters;
  private final WorkerPool workers;
  private final TaskLedger ledger;
  private final ControlReplay controlReplay;
  private final Duration shutdownGrace;

  /** Terminal events sent and not yet acknowledged by Kafka, whose records wait for them. */
  private final Set<CompletableFuture<Void>> unacknowledged = ConcurrentHashMap.newKeySet();

  public TaskConsumer(
      TaskRunner runner,
      DeadLetters deadLetters,
      WorkerPool workers,
      TaskLedger ledger,
      ControlReplay controlReplay,
      ExecutorConfig config) {
    this.runner = runner;
    this.deadLetters = deadLetters;
    this.workers = workers;
    this.ledger = ledger;
    this.controlReplay = controlReplay;
    this.shutdownGrace = config.shutdownGrace();
  }

  void logStart(@Observes StartupEvent event, ExecutorIdentity identity) {
    LOG.infof("Executor %s runs up to %d agents at a time", identity.id(), workers.size());
  }

  /** Completes when a worker took the record, which is when the next one may come. */
  @Incoming(Topics.AGENT_TASKS)
  @Acknowledgment(Acknowledgment.Strategy.MANUAL)
  public CompletionStage<Void> consume(Message<byte[]> message) {
    return workers.submit(() -> process(message));
  }

  /** Stops taking tasks and lets the running ones end within the grace period. */
  void drain(@Observes ShutdownEvent event) {
    long graceMs = shutdownGrace.toMillis();
    LOG.infof(
        "Stopping: no more tasks are taken; %d running may take up to %d ms to end",
        ledger.runningCount(), graceMs);
    boolean allEnded =
        workers.drain(
            shutdownGrace,
            () ->
                LOG.warnf(
                    "Stopped %d runs still going after %d ms; their records stay uncommitted and"
                        + " another executor will run them",
                    ledger.stopAll(), graceMs));
    if (allEnded) {
      LOG.info("Every running task ended");
    }
    awaitAcknowledgements();
  }

  /** Gives the terminal events on their way a moment, so that their records are committed. */
  private void awaitAcknowledgements() {
    CompletableFuture<?>[] pending = unacknowledged.toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(pending).get(ACK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      LOG.warnf(
          "%d terminal events were not acknowledged on shutdown; their records will be delivered"
              + " again",
          unacknowledged.size());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void process(Message<byte[]> message) {
    ConsumerRecord<String, byte[]> record = recordOf(message);
    try {
      TaskMessage task;
      try {
        task = WireCodec.decodeTask(record.value());
      } catch (WireFormatException e) {
        deadLetters.refuse(record, e);
        message.ack();
        return;
      }
      // A task must not start before the cancellations published before this executor joined.
      controlReplay.awaitCaughtUp();
      CompletableFuture<Void> acknowledged = runner.handle(task).toCompletableFuture();
      unacknowledged.add(acknowledged);
      acknowledged.whenComplete(
          (ignored, failure) -> {
            unacknowledged.remove(acknowledged);
            if (failure == null) {
              message.ack();
            } else {
              LOG.warnf(
                  "The terminal event of task %s was not sent (%s): its record stays"
                      + " unacknowledged for another executor",
                  task.taskId(), failure.getMessage());
            }
          });
    } catch (CancellationException e) {
      LOG.infof(
          "The task record at %s-%d@%d is left for another executor: %s",
          record.topic(), record.partition(), record.offset(), e.getMessage());
    }
  }

  @SuppressWarnings("unchecked")
  private static ConsumerRecord<String, byte[]> recordOf(Message<byte[]> message) {
    return message
        .getMetadata(IncomingKafkaRecordMetadata.class)
        .map(metadata -> (ConsumerRecord<String, byte[]>) metadata.getRecord())
        .orElseThrow(() -> new IllegalStateException("a task message without its Kafka record"));
  }
}
