package io.agentry.executor.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RegistryClientTest {

  private static final UUID AGENT = UUID.randomUUID();
  private static final RegisteredAgent FOUND =
      new RegisteredAgent(AGENT, "summarizer", "active", "ab".repeat(32), null);

  private final ScriptedRegistry api = new ScriptedRegistry();
  private final RegistryClient client = new RegistryClient(api, 3, Duration.ofMillis(1));

  @Test
  void aKnownAgentIsFound() {
    api.answers(FOUND);

    assertEquals(Optional.of(FOUND), client.find(AGENT, null));
    assertEquals(List.of(AGENT), api.asked);
  }

  @Test
  void anUnknownAgentIsEmptyAtOnce() {
    api.answers(status(404));

    assertEquals(Optional.empty(), client.find(AGENT, null));
    assertEquals(1, api.asked.size());
  }

  @Test
  void aRegistryThatComesBackWithinTheAttemptsAnswers() {
    api.answers(unreachable(), status(503), FOUND);

    assertEquals(Optional.of(FOUND), client.find(AGENT, null));
    assertEquals(3, api.asked.size());
  }

  @Test
  void aRegistryUnreachableForEveryAttemptFailsWithTheCount() {
    api.answers(unreachable(), status(429), unreachable(), FOUND);

    AgentLookupException e =
        assertThrows(AgentLookupException.class, () -> client.find(AGENT, null));

    assertEquals(
        "the registry could not be reached to look up agent "
            + AGENT
            + " after 3 attempts; submit the task again",
        e.getMessage());
    assertEquals(3, api.asked.size());
  }

  @Test
  void aRefusalIsFinalAtOnceAndNamesTheStatus() {
    api.answers(status(403), FOUND);

    AgentLookupException e =
        assertThrows(AgentLookupException.class, () -> client.find(AGENT, null));

    assertTrue(e.getMessage().contains("(HTTP 403)"), e.getMessage());
    assertEquals(1, api.asked.size());
  }

  @Test
  void anAnswerWithoutTheNameIsAnError() {
    api.answers(new RegisteredAgent(AGENT, null, "active", "ab".repeat(32), null));

    AgentLookupException e =
        assertThrows(AgentLookupException.class, () -> client.find(AGENT, null));

    assertTrue(e.getMessage().contains("lacks its name"), e.getMessage());
  }

  @Test
  void fewerThanOneAttemptIsRefusedAsConfiguration() {
    assertThrows(IllegalArgumentException.class, () -> new RegistryClient(api, 0, Duration.ZERO));
  }

  private static RuntimeException unreachable() {
    return new ProcessingException(new ConnectException("Connection refused"));
  }

  @Test
  void refusedOrUnreachableSecretsFailTheTaskWithAReasonAndAreAskedOnce() {
    ScriptedRegistry api = new ScriptedRegistry();
    RegistryClient client = new RegistryClient(api, 3, java.time.Duration.ofMillis(1));
    api.answers(
        java.util.Map.of("API_KEY", "v"),
        status(403),
        new jakarta.ws.rs.ProcessingException("timed out"));

    assertEquals(java.util.Map.of("API_KEY", "v"), client.secrets(AGENT, "token"));
    AgentLookupException refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            AgentLookupException.class, () -> client.secrets(AGENT, "token"));
    AgentLookupException unreachable =
        org.junit.jupiter.api.Assertions.assertThrows(
            AgentLookupException.class, () -> client.secrets(AGENT, "token"));

    assertEquals(
        "the registry refused the secrets of agent "
            + AGENT
            + " (HTTP 403); the executors' token (agentry.executor.registry.secrets-token) needs"
            + " fixing",
        refused.getMessage());
    assertEquals(
        "the registry could not be reached for the secrets of agent "
            + AGENT
            + "; submit the task"
            + " again",
        unreachable.getMessage());
  }

  private static RuntimeException status(int status) {
    return new WebApplicationException(status);
  }

  /** Answers each request with the next scripted agent or exception. */
  private static final class ScriptedRegistry implements RegistryApi {

    private final Deque<Object> answers = new ArrayDeque<>();
    private final List<UUID> asked = new ArrayList<>();

    void answers(Object... scripted) {
      answers.addAll(List.of(scripted));
    }

    @Override
    public RegisteredAgent get(UUID id, String binaryHash) {
      asked.add(id);
      Object next = answers.removeFirst();
      if (next instanceof RuntimeException failure) {
        throw failure;
      }
      return (RegisteredAgent) next;
    }

    @Override
    @SuppressWarnings("unchecked")
    public java.util.Map<String, String> secrets(UUID id, String token) {
      asked.add(id);
      Object next = answers.removeFirst();
      if (next instanceof RuntimeException failure) {
        throw failure;
      }
      return (java.util.Map<String, String>) next;
    }
  }
}
