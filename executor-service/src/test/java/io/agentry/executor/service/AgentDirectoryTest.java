package io.agentry.executor.service;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentry.executor.client.AgentLookup;
import io.agentry.executor.client.AgentLookupException;
import io.agentry.executor.client.RegisteredAgent;
import io.agentry.wire.TaskMessage;
import io.agentry.wire.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AgentDirectoryTest {

  private static final String CURRENT = "cc".repeat(32);
  private static final String SUBMITTED = "55".repeat(32);

  private final AtomicLong clock = new AtomicLong();
  private final FakeRegistry registry = new FakeRegistry();
  private final AgentDirectory directory =
      new AgentDirectory(registry, 100, Duration.ofSeconds(5), clock::get);

  @Test
  void aTaskWithABinaryHashRunsThatBinaryUnderTheAgentsName() {
    UUID agent = registry.add("summarizer", "active");
    registry.version(agent, SUBMITTED, "active");

    AgentDirectory.Resolution resolution = directory.resolve(task(agent, SUBMITTED));

    assertEquals(AgentDirectory.Resolution.run("summarizer", SUBMITTED, null, agent), resolution);
  }

  @Test
  void aTaskWithoutABinaryHashRunsTheAgentsCurrentBinary() {
    UUID agent = registry.add("summarizer", "active");

    AgentDirectory.Resolution resolution = directory.resolve(task(agent, null));

    assertEquals(AgentDirectory.Resolution.run("summarizer", CURRENT, null, agent), resolution);
  }

  @Test
  void aRunGetsTheOriginsOfTheVersionItsBinaryBelongsTo() {
    UUID agent = registry.addWithOrigins("caller", List.of("https://current.example"));
    registry.versionWithOrigins(agent, SUBMITTED, List.of("https://older.example"));

    AgentDirectory.Resolution submitted = directory.resolve(task(agent, SUBMITTED));
    AgentDirectory.Resolution current = directory.resolve(task(agent, null));

    assertEquals(List.of("https://older.example"), submitted.http().origins());
    assertEquals(List.of("https://current.example"), current.http().origins());
    assertTrue(directory.resolve(task(registry.add("plain", "active"), null)).http().isEmpty());
  }

  @Test
  void aVersionWhoseOriginsCannotBeReadFailsInsteadOfRunning() {
    UUID agent = registry.addWithOrigins("caller", List.of("https://x.example/not-an-origin"));

    AgentDirectory.Resolution resolution = directory.resolve(task(agent, null));

    assertEquals(TaskStatus.FAILED, resolution.refusal().status());
    assertNull(resolution.binaryHash());
  }

  @Test
  void anUnknownAgentIsRejected() {
    UUID unknown = UUID.randomUUID();

    AgentDirectory.Resolution resolution = directory.resolve(task(unknown, SUBMITTED));

    assertEquals(TaskStatus.REJECTED, resolution.refusal().status());
    assertEquals("agent " + unknown + " does not exist", resolution.refusal().result().error());
    assertNull(resolution.agentName());
  }

  @Test
  void aTaskWithoutABinaryHashOfADisabledAgentIsRejected() {
    UUID agent = registry.add("summarizer", "disabled");

    AgentDirectory.Resolution resolution = directory.resolve(task(agent, null));

    assertEquals(TaskStatus.REJECTED, resolution.refusal().status());
    assertEquals(
        "agent " + agent + " is disabled and takes no new tasks",
        resolution.refusal().result().error());
  }

  /** A producer writing straight to Kafka names another author's agent and its own binary. */
  @Test
  void aTaskWithABinaryThatIsNotAVersionOfItsAgentIsRejected() {
    UUID agent = registry.add("summarizer", "active");

    AgentDirectory.Resolution resolution = directory.resolve(task(agent, SUBMITTED));

    assertEquals(TaskStatus.REJECTED, resolution.refusal().status());
    assertEquals(
        "binary sha256/"
            + SUBMITTED
            + " is not a version of agent "
            + agent
            + "; a task runs only a binary of its own agent",
        resolution.refusal().result().error());
  }

  @Test
  void aTaskWithTheBinaryOfADisabledVersionIsRejected() {
    UUID agent = registry.add("summarizer", "active");
    UUID version = registry.version(agent, SUBMITTED, "disabled");

    AgentDirectory.Resolution resolution = directory.resolve(task(agent, SUBMITTED));

    assertEquals(TaskStatus.REJECTED, resolution.refusal().status());
    assertEquals(
        "agent "
            + version
            + ", the version of agent "
            + agent
            + " with this binary, is disabled and takes no new tasks",
        resolution.refusal().result().error());
  }

  @Test
  void aRegistryThatCannotBeAskedFailsTheTaskWithItsReason() {
    UUID agent = UUID.randomUUID();
    registry.failing = true;

    AgentDirectory.Resolution resolution = directory.resolve(task(agent, SUBMITTED));

    assertEquals(TaskStatus.FAILED, resolution.refusal().status());
    assertEquals("the registry is down", resolution.refusal().result().error());
  }

  @Test
  void theVersionOfABinaryIsAskedForAgainOnlyAfterTheStatusTtl() {
    UUID agent = registry.add("summarizer", "active");
    UUID version = registry.version(agent, SUBMITTED, "active");
    directory.resolve(task(agent, SUBMITTED));
    clock.addAndGet(TimeUnit.SECONDS.toNanos(4));
    directory.resolve(task(agent, SUBMITTED));
    assertEquals(1, registry.asked(agent));

    registry.version(agent, SUBMITTED, "disabled", version);
    clock.addAndGet(TimeUnit.SECONDS.toNanos(2));
    AgentDirectory.Resolution resolution = directory.resolve(task(agent, SUBMITTED));

    assertEquals(2, registry.asked(agent));
    assertEquals(TaskStatus.REJECTED, resolution.refusal().status());
  }

  @Test
  void theStatusAndBinaryServeTasksWithoutAHashOnlyBriefly() {
    UUID agent = registry.add("summarizer", "active");
    directory.resolve(task(agent, null));
    clock.addAndGet(TimeUnit.SECONDS.toNanos(4));
    directory.resolve(task(agent, null));
    assertEquals(1, registry.asked(agent));

    registry.disable(agent);
    clock.addAndGet(TimeUnit.SECONDS.toNanos(2));
    AgentDirectory.Resolution resolution = directory.resolve(task(agent, null));

    assertEquals(2, registry.asked(agent));
    assertEquals(TaskStatus.REJECTED, resolution.refusal().status());
  }

  @Test
  void anUnknownAgentIsAskedForAgainNextTime() {
    UUID unknown = UUID.randomUUID();
    directory.resolve(task(unknown, SUBMITTED));

    directory.resolve(task(unknown, SUBMITTED));

    assertEquals(2, registry.asked(unknown));
  }

  private static TaskMessage task(UUID agentId, String binaryHash) {
    return new TaskMessage(
        UUID.randomUUID(),
        agentId,
        UUID.randomUUID(),
        binaryHash,
        "x".getBytes(UTF_8),
        List.of(),
        Map.of(),
        1_000,
        16,
        Instant.now());
  }

  /** The registry as a map, counting the questions. */
  private static final class FakeRegistry implements AgentLookup {

    private final Map<UUID, RegisteredAgent> agents = new HashMap<>();
    private final Map<String, RegisteredAgent.Version> versions = new HashMap<>();
    private final List<UUID> asked = new ArrayList<>();
    private boolean failing;

    UUID add(String name, String status) {
      UUID id = UUID.randomUUID();
      agents.put(id, new RegisteredAgent(id, name, status, CURRENT, null));
      return id;
    }

    /** Another version of {@code agent}, holding {@code hash}. */
    UUID version(UUID agent, String hash, String status) {
      return version(agent, hash, status, UUID.randomUUID());
    }

    UUID version(UUID agent, String hash, String status, UUID id) {
      versions.put(agent + "/" + hash, new RegisteredAgent.Version(id, status));
      return id;
    }

    /** An active agent whose current binary may call {@code current}. */
    UUID addWithOrigins(String name, List<String> current) {
      UUID id = UUID.randomUUID();
      agents.put(
          id,
          new RegisteredAgent(
              id, name, "active", CURRENT, new RegisteredAgent.Permissions(current), null));
      return id;
    }

    /**
     * Another active version of {@code agent}, holding {@code hash}, that may call {@code origins}.
     */
    void versionWithOrigins(UUID agent, String hash, List<String> origins) {
      versions.put(
          agent + "/" + hash,
          new RegisteredAgent.Version(
              UUID.randomUUID(), "active", new RegisteredAgent.Permissions(origins)));
    }

    void disable(UUID id) {
      RegisteredAgent agent = agents.get(id);
      agents.put(id, new RegisteredAgent(id, agent.name(), "disabled", agent.binaryHash(), null));
    }

    long asked(UUID id) {
      return asked.stream().filter(id::equals).count();
    }

    @Override
    public Optional<RegisteredAgent> find(UUID agentId, String binaryHash) {
      asked.add(agentId);
      if (failing) {
        throw new AgentLookupException("the registry is down", null);
      }
      RegisteredAgent agent = agents.get(agentId);
      if (agent == null || binaryHash == null) {
        return Optional.ofNullable(agent);
      }
      return Optional.of(
          new RegisteredAgent(
              agent.id(),
              agent.name(),
              agent.status(),
              agent.binaryHash(),
              agent.permissions(),
              versions.get(agentId + "/" + binaryHash)));
    }
  }
}
