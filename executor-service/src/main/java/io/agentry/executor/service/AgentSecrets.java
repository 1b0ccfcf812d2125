package io.agentry.executor.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.agentry.executor.client.AgentLookupException;
import io.agentry.executor.client.RegistryClient;
import io.agentry.executor.config.ExecutorConfig;
import io.agentry.wire.TaskMessage;
import io.agentry.wire.TaskRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The environment of a run: the task's {@code env} and the secrets the agent's owner set, read from
 * the registry with the executors' token and kept briefly (in memory only, never logged). A task
 * whose {@code env} names one of the agent's secrets does not run: a caller cannot replace or probe
 * a secret.
 */
@ApplicationScoped
public class AgentSecrets {

  private final RegistryClient registry;
  private final Optional<String> token;
  private final Cache<UUID, Map<String, String>> recent;

  @Inject
  public AgentSecrets(RegistryClient registry, ExecutorConfig config) {
    this.registry = registry;
    this.token = config.registry().secretsToken();
    this.recent =
        Caffeine.newBuilder()
            .expireAfterWrite(config.registry().secretsTtl())
            .maximumSize(10_000)
            .build();
  }

  /**
   * The run's environment.
   *
   * @throws AgentLookupException with the task's error: the secrets could not be read, or the
   *     task's env names one of them
   */
  public Map<String, String> environment(TaskMessage task) {
    if (token.isEmpty()) {
      return task.env();
    }
    Map<String, String> secrets =
        recent.get(task.agentId(), id -> Map.copyOf(registry.secrets(id, token.get())));
    if (secrets.isEmpty()) {
      return task.env();
    }
    List<TaskRules.Violation> named = TaskRules.envSecrets(task.env(), secrets.keySet());
    if (!named.isEmpty()) {
      // The gateway refuses such a task (400); one produced straight into Kafka ends here.
      throw new AgentLookupException(named.get(0).reason(), null);
    }
    Map<String, String> environment = new LinkedHashMap<>(task.env());
    environment.putAll(new java.util.TreeMap<>(secrets));
    return environment;
  }
}
