package io.agentry.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.wire.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No password, API key, token or task input (text, arguments, environment, output) reaches the log
 * of any service, on the paths that succeed and on those that fail: wrong passwords, revoked keys,
 * forged tokens, a failing task, and a malformed task record produced straight to Kafka.
 */
class SecretsInLogsE2ETest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Path SERVICE_LOGS = Path.of("target", "packaged-services");

  private final Platform platform = Platform.get();

  @Test
  void noCredentialOrTaskInputIsLogged() throws Exception {
    Map<String, String> secrets = new LinkedHashMap<>();
    PublicApi user = PublicApi.newUser(platform.apiUrl());
    secrets.put("the password", PublicApi.PASSWORD);
    secrets.put("the API key", user.apiKey());
    HttpResponse<String> loggedIn = login(user.username(), PublicApi.PASSWORD);
    assertEquals(200, loggedIn.statusCode(), loggedIn.body());
    String token = PublicApi.read(loggedIn.body()).path("token").asText();
    secrets.put("the login token", token);
    assertEquals(401, login(user.username(), marker(secrets, "a wrong password")).statusCode());

    String revoked = revokedKey(user);
    secrets.put("a revoked key", revoked);
    assertEquals(401, getWith(revoked).statusCode());
    String forged = token.substring(0, token.lastIndexOf('.') + 1) + "Zm9yZ2Vk";
    secrets.put("a forged token", forged);
    assertEquals(401, getWith(forged).statusCode());
    assertEquals(401, getWith("agy_" + marker(secrets, "an unknown key")).statusCode());

    String rot13 = user.upload("rot13", "1.0.0", Agents.sample("rot13")).path("id").asText();
    String input = marker(secrets, "a task input");
    String argument = marker(secrets, "a task argument");
    String environment = marker(secrets, "a task environment value");
    String succeeded =
        user.accepted(
            Map.of(
                "agentId",
                rot13,
                "input",
                input,
                "args",
                List.of(argument),
                "env",
                Map.of("AGENTRY_SECRET", environment)));
    JsonNode task = user.awaitTerminal(succeeded, TIMEOUT);
    assertEquals("SUCCEEDED", task.path("status").asText(), task.toString());
    String output = user.getJson("/tasks/" + succeeded + "/results").path("stdout").asText();
    assertTrue(output.length() >= input.length(), "the output: " + output);
    secrets.put("the task's output", output);
    secrets.put(
        "the task input in base64",
        Base64.getEncoder().encodeToString(input.getBytes(StandardCharsets.UTF_8)));

    String trap = user.upload("trap", "1.0.0", Agents.trap()).path("id").asText();
    String failed =
        user.accepted(Map.of("agentId", trap, "input", marker(secrets, "a failing task's input")));
    assertEquals("FAILED", user.awaitTerminal(failed, TIMEOUT).path("status").asText());

    // A record that cannot be read, then a task on the same partition (same key): once that task
    // ended, the malformed record was dead-lettered (and logged) before it.
    UUID after = UUID.randomUUID();
    String malformed =
        "{\"specVersion\":1,\"taskId\":\""
            + UUID.randomUUID()
            + "\",\"input\":\""
            + marker(secrets, "a malformed record's input")
            + "\",\"oops\":";
    Kafka.produce(
        platform.kafkaBootstrap(),
        Topics.AGENT_TASKS,
        after.toString(),
        malformed.getBytes(StandardCharsets.UTF_8));
    Kafka.produceTask(
        platform.kafkaBootstrap(),
        Kafka.directTask(
            after,
            rot13,
            user.userId(),
            null,
            "after".getBytes(StandardCharsets.UTF_8),
            List.of()));
    assertEquals(
        "SUCCEEDED", user.awaitTerminal(after.toString(), TIMEOUT).path("status").asText());

    secrets.forEach((what, secret) -> assertTrue(secret.length() >= 16, what + ": " + secret));
    List<Path> logs = serviceLogs();
    assertTrue(logs.size() >= 5, "service logs found: " + logs);
    List<String> leaks = new ArrayList<>();
    for (Path log : logs) {
      String text = Files.readString(log, StandardCharsets.ISO_8859_1);
      secrets.forEach(
          (what, secret) -> {
            if (text.contains(secret)) {
              leaks.add(what + " is in " + log.getFileName());
            }
          });
    }
    assertTrue(leaks.isEmpty(), "secrets in the service logs: " + leaks);
  }

  /** A distinctive text, remembered as a secret that must not be logged. */
  private static String marker(Map<String, String> secrets, String what) {
    String marker = "secret" + UUID.randomUUID().toString().replace("-", "");
    secrets.put(what, marker);
    return marker;
  }

  private HttpResponse<String> login(String username, String password) {
    return PublicApi.send(
        HttpRequest.newBuilder(URI.create(platform.apiUrl() + "/users/login"))
            .header("Content-Type", "application/json")
            .POST(PublicApi.body(Map.of("username", username, "password", password))));
  }

  private String revokedKey(PublicApi user) {
    HttpResponse<String> created =
        PublicApi.send(
            user.request("/users/me/api-keys").POST(HttpRequest.BodyPublishers.noBody()));
    assertEquals(201, created.statusCode(), created.body());
    JsonNode key = PublicApi.read(created.body());
    assertEquals(200, getWith(key.path("apiKey").asText()).statusCode());
    assertEquals(204, user.delete("/users/me/api-keys/" + key.path("id").asText()).statusCode());
    return key.path("apiKey").asText();
  }

  private HttpResponse<String> getWith(String credentials) {
    return PublicApi.send(
        HttpRequest.newBuilder(URI.create(platform.apiUrl() + "/users/me"))
            .header("Authorization", "Bearer " + credentials));
  }

  private static List<Path> serviceLogs() throws IOException {
    try (Stream<Path> files = Files.list(SERVICE_LOGS)) {
      List<Path> logs = files.filter(file -> file.toString().endsWith(".log")).toList();
      assertFalse(logs.isEmpty(), "no service logs in " + SERVICE_LOGS.toAbsolutePath());
      return logs;
    }
  }
}
