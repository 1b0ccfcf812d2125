package io.agentry.executor;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentry.sandbox.HttpAgents;
import io.agentry.sandbox.LocalHttpServer;
import io.agentry.wire.TaskEvent;
import io.agentry.wire.TaskMessage;
import io.agentry.wire.TaskStatus;
import io.agentry.wire.Topics;
import io.agentry.wire.WireCodec;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Outbound HTTP through the whole executor, as in local development (private destinations allowed,
 * so that agents reach a server on loopback): the agent's permissions come from the registry, the
 * limits from the executor's configuration, and the usage reaches the terminal event.
 */
@QuarkusTest
@TestProfile(OutboundHttpFlowTest.LocalDevelopment.class)
@WithTestResource(StackWithRegistry.class)
class OutboundHttpFlowTest {

  /** Private destinations allowed, and a small request limit to see it applied. */
  public static class LocalDevelopment implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "agentry.executor.http.allow-private", "true",
          "agentry.executor.http.max-requests", "3");
    }
  }

  private static KafkaTestClient kafka;
  private static String apiKey;
  private static LocalHttpServer server;
  private static LocalHttpServer other;

  @BeforeAll
  static void start() {
    kafka = new KafkaTestClient();
    apiKey = TestRegistry.register();
    server = LocalHttpServer.http();
    other = LocalHttpServer.http();
    server.text("/hello", "hello from the server");
    other.text("/", "not declared");
  }

  @AfterAll
  static void stop() {
    kafka.close();
    server.close();
    other.close();
  }

  @Test
  void aDeclaredOriginAnswersAndTheEventCarriesTheUsage() throws Exception {
    TestRegistry.UploadedAgent agent = fetchAgent(List.of(server.origin()));

    TaskEvent terminal = run(agent, server.origin() + "/hello");

    assertEquals(TaskStatus.SUCCEEDED, terminal.status(), terminal.result().error());
    assertEquals("hello from the server", new String(terminal.result().stdout(), UTF_8));
    assertEquals(1, terminal.result().usage().httpRequests());
    assertEquals(21, terminal.result().usage().httpBytes());
  }

  @Test
  void anOriginTheAgentDidNotDeclareIsCodeOne() throws Exception {
    TestRegistry.UploadedAgent agent = fetchAgent(List.of(server.origin()));

    TaskEvent terminal = run(agent, other.origin() + "/");

    assertEquals(1, terminal.result().exitCode(), terminal.result().error());
    assertEquals(0, other.requests());
  }

  @Test
  void theExecutorsRequestLimitStopsAFlood() throws Exception {
    TestRegistry.UploadedAgent agent =
        TestRegistry.upload(
            apiKey, "flood", HttpAgents.wasm(HttpAgents.FLOOD), List.of(server.origin()));

    TaskEvent terminal = run(agent, server.origin() + "/hello");

    assertEquals(5, terminal.result().exitCode(), terminal.result().error());
    assertEquals(3, terminal.result().usage().httpRequests());
  }

  private static TestRegistry.UploadedAgent fetchAgent(List<String> origins) {
    return TestRegistry.upload(apiKey, "fetch", HttpAgents.wasm(HttpAgents.FETCH), origins);
  }

  private static TaskEvent run(TestRegistry.UploadedAgent agent, String url) throws Exception {
    TaskMessage task =
        new TaskMessage(
            UUID.randomUUID(),
            agent.id(),
            UUID.randomUUID(),
            agent.binaryHash(),
            ("{\"url\":\"" + url + "\"}").getBytes(UTF_8),
            List.of(),
            Map.of(),
            10_000,
            16,
            Instant.now());
    kafka.send(Topics.AGENT_TASKS, task.taskId().toString(), WireCodec.encode(task));
    List<TaskEvent> events = kafka.eventsUntilTerminal(task.taskId());
    return events.get(events.size() - 1);
  }
}
