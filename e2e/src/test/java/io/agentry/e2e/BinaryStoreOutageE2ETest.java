package io.agentry.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.localstack.Component;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The S3-compatible store of binaries is down: an upload is refused with 503 and leaves no agent
 * behind; a task whose binary must be fetched is tried a few times, then FAILED with a reason that
 * names the store; once the store is back, both work.
 */
class BinaryStoreOutageE2ETest {

  private static final Duration TASK_TIMEOUT = Duration.ofMinutes(2);
  private static final Pattern RETRIED =
      Pattern.compile("could not be reached after (\\d+) attempts");

  private final Platform platform = Platform.get();

  /** A module no executor has seen, so that running it needs the store. */
  private static byte[] freshModule() {
    return Agents.spin(1_000 + ThreadLocalRandom.current().nextInt(1_000_000));
  }

  @Test
  void anUploadWhileTheStoreIsDownIsRefusedWith503AndLeavesNoAgent() {
    PublicApi user = PublicApi.newUser(platform.apiUrl());
    byte[] module = freshModule();
    platform.stop(Component.S3);
    try {
      HttpResponse<String> refused = user.tryUpload("stored-later", "1.0.0", module);
      assertEquals(503, refused.statusCode(), refused.body());
      assertNull(
          Problems.defect(
              503, refused.headers().firstValue("Content-Type").orElse(null), refused.body()));
      assertEquals("storage-unavailable", Problems.slug(refused.body()));
      assertEquals(0, agentsOf(user).size(), "agents after the refused upload");
    } finally {
      platform.startAgain(Component.S3);
    }

    JsonNode stored = user.upload("stored-later", "1.0.0", module);
    JsonNode agents = agentsOf(user);
    assertEquals(1, agents.size(), agents.toString());
    assertEquals(stored.path("id").asText(), agents.get(0).path("id").asText());
  }

  @Test
  void aTaskWhoseBinaryCannotBeFetchedFailsNamingTheStoreAndRunsOnceItIsBack() {
    PublicApi user = PublicApi.newUser(platform.apiUrl());
    String agentId = user.upload("fetched-later", "1.0.0", freshModule()).path("id").asText();
    platform.stop(Component.S3);
    try {
      String taskId = user.accepted(Map.of("agentId", agentId));
      assertEquals("FAILED", user.awaitTerminal(taskId, TASK_TIMEOUT).path("status").asText());
      JsonNode result = user.getJson("/tasks/" + taskId + "/results");
      String error = result.path("error").asText();
      Matcher retried = RETRIED.matcher(error);
      assertTrue(error.contains("binary store") && retried.find(), "the task's error: " + error);
      assertTrue(Integer.parseInt(retried.group(1)) > 1, "the store was tried once: " + error);
      assertTrue(result.path("exitCode").isNull(), result.toString());
    } finally {
      platform.startAgain(Component.S3);
    }

    String again = user.accepted(Map.of("agentId", agentId));
    assertEquals("SUCCEEDED", user.awaitTerminal(again, TASK_TIMEOUT).path("status").asText());
  }

  private JsonNode agentsOf(PublicApi user) {
    return user.getJson("/agents?owner=" + user.userId() + "&limit=100").path("items");
  }
}
