package io.agentry.executor.client;

import java.util.Optional;
import java.util.UUID;

/** Finds agents by id. */
@FunctionalInterface
public interface AgentLookup {

  /**
   * The agent with that id, or empty when there is none.
   *
   * @throws AgentLookupException when the answer could not be had; its message is the task's error
   * @throws java.util.concurrent.CancellationException when the thread was interrupted meanwhile
   */
  Optional<RegisteredAgent> find(UUID agentId);
}
