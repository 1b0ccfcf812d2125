package io.agentry.executor.messaging;

import io.agentry.executor.service.WorkerPool;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * The partitions of agent-tasks this executor owns. When Kafka takes some away, the tasks read from
 * them that still wait for a worker are dropped without being acknowledged: the partitions' new
 * owner reads and runs them, so they do not run twice. (Tasks already running go on; their
 * acknowledgements no longer count, as for any record of a revoked partition.) A record that
 * arrives for a partition this executor no longer owns is dropped the same way.
 */
@ApplicationScoped
@Default // also injected as itself, by the task consumer
@Identifier(TaskPartitions.NAME)
public class TaskPartitions implements KafkaConsumerRebalanceListener {

  /** The listener's name in the agent-tasks channel's configuration. */
  public static final String NAME = "agent-tasks-partitions";

  private static final Logger LOG = Logger.getLogger(TaskPartitions.class);

  private final WorkerPool workers;
  private final Set<TopicPartition> owned = new HashSet<>();

  public TaskPartitions(WorkerPool workers) {
    this.workers = workers;
  }

  /** Runs on the consumer's polling thread. */
  @Override
  public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    synchronized (this) {
      owned.addAll(partitions);
    }
  }

  /** Runs on the consumer's polling thread, after the acknowledged offsets were committed. */
  @Override
  public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return;
    }
    synchronized (this) {
      owned.removeAll(partitions);
    }
    int dropped = workers.dropWaiting(Set.copyOf(partitions));
    if (dropped > 0) {
      LOG.infof(
          "Partitions %s were revoked: %d tasks read from them and not started are dropped,"
              + " for the executor given those partitions to read again",
          partitions, dropped);
    }
  }

  /**
   * Submits the task read from {@code partition} while this executor owns it; else drops it.
   *
   * @return the submission's stage, or a completed one for a dropped task
   */
  public synchronized CompletionStage<Void> submit(
      TopicPartition partition, Supplier<CompletionStage<Void>> submission) {
    if (!owned.contains(partition)) {
      LOG.infof("A task record of %s arrived after the partition was taken away: left", partition);
      return CompletableFuture.completedFuture(null);
    }
    return submission.get();
  }
}
