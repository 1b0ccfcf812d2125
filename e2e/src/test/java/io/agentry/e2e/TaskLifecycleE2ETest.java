package io.agentry.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a new user does: register, upload, submit, watch the events live, read the result. */
class TaskLifecycleE2ETest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String INPUT = "one two three\nfour\n";

  private final Platform platform = Platform.get();

  @Test
  void aTaskRunsAndItsEventsArriveLiveInOrder() throws Exception {
    PublicApi user = PublicApi.newUser(platform.apiUrl());
    String agentId =
        user.upload("wordcount", "1.0.0", Agents.sample("wordcount")).path("id").asText();

    try (EventSocket socket = EventSocket.open(user, "/events")) {
      String taskId =
          user.accepted(Map.of("agentId", agentId, "input", INPUT, "args", List.of("--json")));
      List<JsonNode> events = socket.untilTerminal(taskId, TIMEOUT);

      List<String> statuses =
          events.stream().map(e -> e.path("status").asText()).distinct().toList();
      assertEquals(List.of("QUEUED", "RUNNING", "SUCCEEDED"), statuses, events.toString());
      assertEquals(agentId, events.get(0).path("agentId").asText());
    }
  }

  @Test
  void theResultHoldsTheAgentsOutputAndTheTaskItsTimes() {
    PublicApi user = PublicApi.newUser(platform.apiUrl());
    String agentId =
        user.upload("wordcount", "1.0.0", Agents.sample("wordcount")).path("id").asText();
    String taskId =
        user.accepted(Map.of("agentId", agentId, "input", INPUT, "args", List.of("--json")));

    JsonNode task = user.awaitTerminal(taskId, TIMEOUT);
    assertEquals("SUCCEEDED", task.path("status").asText());
    assertEquals(1, task.path("attempts").asInt());
    assertFalse(task.path("startedAt").isNull());
    assertFalse(task.path("finishedAt").isNull());

    JsonNode result = user.getJson("/tasks/" + taskId + "/results");
    assertEquals("{\"lines\":2,\"words\":4,\"bytes\":19}\n", result.path("stdout").asText());
    assertEquals(0, result.path("exitCode").asInt());
    assertTrue(result.path("error").isNull());
    assertEquals(
        "{\"lines\":2,\"words\":4,\"bytes\":19}\n",
        user.get("/tasks/" + taskId + "/results/stdout").body());
  }

  @Test
  void waitAnswersWithTheResultOnceTheTaskEnds() {
    PublicApi user = PublicApi.newUser(platform.apiUrl());
    String agentId = user.upload("rot13", "1.0.0", Agents.sample("rot13")).path("id").asText();

    HttpResponse<String> response =
        user.submit(Map.of("agentId", agentId, "input", "Hello"), "?wait=30", Map.of());

    assertEquals(200, response.statusCode(), response.body());
    JsonNode result = PublicApi.read(response.body());
    assertEquals("SUCCEEDED", result.path("status").asText());
    assertEquals("Uryyb", result.path("stdout").asText());
  }

  @Test
  void aLateTaskStreamSendsTheFinalStatusAndClosesNormally() throws Exception {
    PublicApi user = PublicApi.newUser(platform.apiUrl());
    String agentId = user.upload("rot13", "1.0.0", Agents.sample("rot13")).path("id").asText();
    String taskId = user.accepted(Map.of("agentId", agentId, "input", "abc"));
    user.awaitTerminal(taskId, TIMEOUT);

    try (EventSocket socket = EventSocket.open(user, "/tasks/" + taskId + "/events")) {
      List<JsonNode> events = socket.untilTerminal(taskId, TIMEOUT);
      assertEquals(1, events.size(), events.toString());
      assertEquals("SUCCEEDED", events.get(0).path("status").asText());
      assertEquals(WebSocket.NORMAL_CLOSURE, socket.closeCode(TIMEOUT));
    }
  }

  @Test
  void statisticsCountEveryRunOfAnAgentExactly() {
    PublicApi user = PublicApi.newUser(platform.apiUrl());
    String agentId = user.upload("exit-three", "1.0.0", Agents.exitWith(3)).path("id").asText();
    String rot13 = user.upload("rot13", "1.0.0", Agents.sample("rot13")).path("id").asText();
    for (int i = 0; i < 3; i++) {
      user.awaitTerminal(user.accepted(Map.of("agentId", agentId)), TIMEOUT);
    }
    user.awaitTerminal(user.accepted(Map.of("agentId", rot13, "input", "x")), TIMEOUT);

    JsonNode stats = user.getJson("/agents/" + agentId + "/stats");
    assertEquals(3, stats.path("tasksCompleted").asInt());
    assertEquals(3, stats.path("tasksFailed").asInt());
    assertEquals(0, stats.path("tasksSucceeded").asInt());
    assertEquals(0.0, stats.path("successRate").asDouble());
    assertFalse(stats.path("lastRunAt").isNull());
  }
}
