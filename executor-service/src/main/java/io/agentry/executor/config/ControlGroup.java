package io.agentry.executor.config;

import io.agentry.wire.Topics;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Produces;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The Kafka settings of the {@link Topics#TASK_CONTROL} channel that depend on this executor: its
 * consumer group is its own, {@value #PREFIX}{@code <executor id>}, so that every executor reads
 * every control record. (The connector looks this map up by the channel's name.)
 */
public class ControlGroup {

  /** The control consumer group of an executor is this prefix and its id. */
  public static final String PREFIX = "executor-control-";

  @Produces
  @Identifier(Topics.TASK_CONTROL)
  Map<String, Object> controlChannel(ExecutorIdentity identity) {
    return Map.of(ConsumerConfig.GROUP_ID_CONFIG, PREFIX + identity.id());
  }
}
