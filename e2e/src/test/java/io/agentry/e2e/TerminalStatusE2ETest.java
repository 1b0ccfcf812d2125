package io.agentry.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.wire.TaskLimits;
import io.agentry.wire.TaskMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every terminal status, reached through the public API or a direct Kafka producer. */
class TerminalStatusE2ETest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Platform platform = Platform.get();
  private final PublicApi user = PublicApi.newUser(platform.apiUrl());

  private JsonNode runToEnd(byte[] module, Map<String, Object> task) {
    String agentId =
        user.upload("agent-" + UUID.randomUUID().toString().substring(0, 8), "1.0.0", module)
            .path("id")
            .asText();
    Map<String, Object> body = new java.util.HashMap<>(task);
    body.put("agentId", agentId);
    String taskId = user.accepted(body);
    user.awaitTerminal(taskId, TIMEOUT);
    return user.getJson("/tasks/" + taskId + "/results");
  }

  @Test
  void aNonZeroExitIsFailedWithItsCode() {
    JsonNode result = runToEnd(Agents.exitWith(3), Map.of());
    assertEquals("FAILED", result.path("status").asText());
    assertEquals(3, result.path("exitCode").asInt());
    assertTrue(result.path("error").asText().contains("3"), result.toString());
  }

  @Test
  void aTrapIsFailedWithoutAnExitCode() {
    JsonNode result = runToEnd(Agents.trap(), Map.of());
    assertEquals("FAILED", result.path("status").asText());
    assertTrue(result.path("exitCode").isNull());
    assertTrue(result.path("error").asText().length() > 0);
  }

  @Test
  void anEndlessLoopTimesOut() {
    JsonNode result = runToEnd(Agents.forever(), Map.of("timeoutMs", 500));
    assertEquals("TIMED_OUT", result.path("status").asText());
    assertTrue(result.path("exitCode").isNull());
    assertTrue(result.path("durationMs").asLong() < 1_500, result.toString());
  }

  @Test
  void aRunningTaskIsCancelledAndAnEndedOneCannotBe() {
    String agentId = user.upload("endless", "1.0.0", Agents.forever()).path("id").asText();
    String taskId = user.accepted(Map.of("agentId", agentId, "timeoutMs", 120_000));
    user.awaitStatus(taskId, Set.of("RUNNING"), TIMEOUT);

    assertEquals(202, user.delete("/tasks/" + taskId).statusCode());
    assertEquals("CANCELLED", user.awaitTerminal(taskId, TIMEOUT).path("status").asText());
    var again = user.delete("/tasks/" + taskId);
    assertEquals(409, again.statusCode());
    assertTrue(again.body().contains("/problems/task-finished"), again.body());
  }

  @Test
  void aTaskCancelledTheMomentItIsAcceptedEndsCancelled() {
    String agentId = user.upload("endless", "1.0.0", Agents.forever()).path("id").asText();
    String taskId = user.accepted(Map.of("agentId", agentId, "timeoutMs", 120_000));

    var cancel = user.delete("/tasks/" + taskId);

    assertEquals(202, cancel.statusCode(), cancel.body());
    assertEquals("CANCELLED", user.awaitTerminal(taskId, TIMEOUT).path("status").asText());
  }

  @Test
  void aDirectlyProducedTaskWithoutAHashRunsWithTheAgentsNameAsArgvZero() throws Exception {
    String agentId = user.upload("print-argv", "1.0.0", Agents.printArgv()).path("id").asText();
    UUID taskId = UUID.randomUUID();
    Kafka.produceTask(
        platform.kafkaBootstrap(),
        Kafka.directTask(taskId, agentId, user.userId(), null, new byte[0], List.of("first")));

    assertEquals(
        "SUCCEEDED", user.awaitTerminal(taskId.toString(), TIMEOUT).path("status").asText());
    String stdout = user.get("/tasks/" + taskId + "/results/stdout").body();
    assertEquals("print-argv\0first\0", stdout);
  }

  @Test
  void aDirectlyProducedTaskForAnUnknownAgentIsRejected() throws Exception {
    UUID taskId = UUID.randomUUID();
    Kafka.produceTask(
        platform.kafkaBootstrap(),
        new TaskMessage(
            TaskLimits.SPEC_VERSION,
            taskId,
            UUID.randomUUID(),
            UUID.fromString(user.userId()),
            null,
            "x".getBytes(StandardCharsets.UTF_8),
            List.of(),
            Map.of(),
            10_000,
            16,
            Instant.now()));

    JsonNode task = user.awaitTerminal(taskId.toString(), TIMEOUT);
    assertEquals("REJECTED", task.path("status").asText());
    JsonNode result = user.getJson("/tasks/" + taskId + "/results");
    assertTrue(result.path("error").asText().contains("does not exist"), result.toString());
  }

  @Test
  void anotherUserCannotSeeTheTask() {
    JsonNode result = runToEnd(Agents.sample("rot13"), Map.of("input", "a"));
    PublicApi stranger = PublicApi.newUser(platform.apiUrl());
    String taskId = result.path("taskId").asText();
    assertEquals(404, stranger.get("/tasks/" + taskId).statusCode());
    assertEquals(404, stranger.get("/tasks/" + taskId + "/results").statusCode());
    assertEquals(404, stranger.delete("/tasks/" + taskId).statusCode());
  }
}
