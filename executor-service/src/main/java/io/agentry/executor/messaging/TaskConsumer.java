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
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Consumes {@link Topics#AGENT_TASKS} (group {@code executors}) into the {@link WorkerPool}, never
 * running a task on the event loop. Each record is decoded as it arrives and waits in its user's
 * lane of the pool's fair line (see {@link io.agentry.executor.service.FairLine}); the next record
 * is taken as long as that line has room ({@code agentry.executor.intake.window} tasks and {@code
 * window-bytes}), so when it is full, consumption pauses and Kafka keeps the records. Free workers
 * take the next task round robin across users. A record is acknowledged after its terminal event
 * (or its dead letter) was acknowledged by Kafka; the offset commit follows (the highest offset
 * below which every record is acknowledged). A worker takes the next task as soon as it sent a
 * terminal event, without waiting for the ack. Tasks of partitions taken from this executor that
 * have not started are dropped unacknowledged ({@link TaskPartitions}). On shutdown, runs still
 * going at the end of the grace period are stopped and their records stay unacknowledged, for
 * another executor.
 */
@ApplicationScoped
public class TaskConsumer {

  private static final Logger LOG = Logger.getLogger(TaskConsumer.class);
  private static final Duration ACK_WAIT = Duration.ofSeconds(5);

  /** The lane of records that cannot be read, so have no user; a worker dead-letters them. */
  private static final String UNREADABLE = "unreadable records";

  private final TaskRunner runner;
  private final DeadLetters deadLetters;
  private final WorkerPool workers;
  private final TaskLedger ledger;
  private final ControlReplay controlReplay;
  private final TaskPartitions partitions;
  private final Duration shutdownGrace;

  /** Terminal events sent and not yet acknowledged by Kafka, whose records wait for them. */
  private final Set<CompletableFuture<Void>> unacknowledged = ConcurrentHashMap.newKeySet();

  public TaskConsumer(
      TaskRunner runner,
      DeadLetters deadLetters,
      WorkerPool workers,
      TaskLedger ledger,
      ControlReplay controlReplay,
      TaskPartitions partitions,
      ExecutorConfig config) {
    this.runner = runner;
    this.deadLetters = deadLetters;
    this.workers = workers;
    this.ledger = ledger;
    this.controlReplay = controlReplay;
    this.partitions = partitions;
    this.shutdownGrace = config.shutdownGrace();
  }

  void logStart(@Observes StartupEvent event, ExecutorIdentity identity) {
    LOG.infof("Executor %s runs up to %d agents at a time", identity.id(), workers.size());
  }

  /**
   * Completes when a worker took the task or it got a place in its user's lane, which is when the
   * next record may come.
   */
  @Incoming(Topics.AGENT_TASKS)
  @Acknowledgment(Acknowledgment.Strategy.MANUAL)
  public CompletionStage<Void> consume(Message<byte[]> message) {
    ConsumerRecord<String, byte[]> record = recordOf(message);
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    WorkerPool.Job job = jobOf(message, record, partition);
    return partitions.submit(partition, () -> workers.submit(job));
  }

  /**
   * The work for the record, in its user's lane; it weighs its record and its decoded input. A
   * record that cannot be read has no user: it goes to a lane of its own, to be dead-lettered.
   */
  private WorkerPool.Job jobOf(
      Message<byte[]> message, ConsumerRecord<String, byte[]> record, TopicPartition partition) {
    long recordBytes = record.value() == null ? 0 : record.value().length;
    try {
      TaskMessage task = WireCodec.decodeTask(record.value());
      return new WorkerPool.Job(
          task.userId().toString(),
          partition,
          recordBytes + task.input().length,
          () -> process(message, record, task));
    } catch (WireFormatException e) {
      return new WorkerPool.Job(
          UNREADABLE, partition, recordBytes, () -> refuse(message, record, e));
    }
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

  /** Copies an unreadable record to the dead-letter topic, then acknowledges it. */
  private void refuse(
      Message<byte[]> message, ConsumerRecord<String, byte[]> record, WireFormatException e) {
    deadLetters.refuse(record, e);
    message.ack();
  }

  private void process(
      Message<byte[]> message, ConsumerRecord<String, byte[]> record, TaskMessage task) {
    try {
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
