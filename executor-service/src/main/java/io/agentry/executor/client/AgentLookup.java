package io.agentry.executor.client;

import java.util.Optional;
import java.util.UUID;

/** Finds agents by id, and which of their versions holds a binary. */
@FunctionalInterface
public interface AgentLookup {

  /**
   * The agent with that id, or empty when there is none; with a {@code binaryHash} (else null), its
   * {@link RegisteredAgent#binaryVersion()} says which version holds that binary.
   *
   * @throws AgentLookupException when the answer could not be had; its message is the task's error
   * @throws java.util.concurrent.CancellationException when the thread was interrupted meanwhile
   */
  Optional<RegisteredAgent> find(UUID agentId, String binaryHash);
}
