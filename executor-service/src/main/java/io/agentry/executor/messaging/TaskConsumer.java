package io.agentry.executor.messaging;

import io.agentry.executor.config.ExecutorConfig;
import io.agentry.executor.config.ExecutorIdentity;
import io.agentry.executor.service.TaskRunner;
import io.agentry.wire.TaskMessage;
import io.agentry.wire.Topics;
import io.agentry.wire.WireCodec;
import io.agentry.wire.WireFormatException;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes {@link Topics#AGENT_TASKS} (group {@code executors}) on the bounded worker pool {@value
 * #WORKER_POOL}, never on the event loop. A record is acknowledged when this method returns, that
 * is after its terminal event (or its dead letter) was acknowledged by Kafka; the offset commit
 * follows.
 */
@ApplicationScoped
public class TaskConsumer {

  /**
   * The messaging worker pool that runs agents; its size is {@code
   * agentry.executor.workers.threads}.
   */
  public static final String WORKER_POOL = "agent-runner";

  private static final Logger LOG = Logger.getLogger(TaskConsumer.class);

  private final TaskRunner runner;
  private final DeadLetters deadLetters;

  public TaskConsumer(TaskRunner runner, DeadLetters deadLetters) {
    this.runner = runner;
    this.deadLetters = deadLetters;
  }

  void logStart(@Observes StartupEvent event, ExecutorConfig config, ExecutorIdentity identity) {
    LOG.infof(
        "Executor %s runs up to %d agents at a time", identity.id(), config.workers().threads());
  }

  @Incoming(Topics.AGENT_TASKS)
  @Blocking(value = WORKER_POOL, ordered = false)
  public void consume(ConsumerRecord<String, byte[]> record) {
    TaskMessage task;
    try {
      task = WireCodec.decodeTask(record.value());
    } catch (WireFormatException e) {
      deadLetters.refuse(record, e);
      return;
    }
    runner.run(task, attemptOf(record));
  }

  /**
   * Which start of the task this is. Always 1 for now: counting redeliveries needs state this
   * executor does not keep yet. This is the one place that will change.
   */
  static int attemptOf(ConsumerRecord<String, byte[]> record) {
    return 1;
  }
}
