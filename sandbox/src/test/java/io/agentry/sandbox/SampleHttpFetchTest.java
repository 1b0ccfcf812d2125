package io.agentry.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentry.sandbox.http.HttpPermissions;
import io.agentry.sandbox.http.HttpSettings;
import io.agentry.wire.TaskStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The committed C sample {@code samples/http-fetch}, built against {@code sdk/c/agentry_http.h}: it
 * passes the upload checks and summarizes what a local server answers.
 */
class SampleHttpFetchTest {

  private static final Path SAMPLE = Path.of("../samples/http-fetch/fetch.wasm");

  private final LocalHttpServer server = LocalHttpServer.http();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void theSampleSummarizesAPermittedResponse() {
    server.text("/page", "first line\nsecond line\n");

    RunOutcome outcome = run(server.origin() + "/page\n", List.of(server.origin()));

    assertEquals(TaskStatus.SUCCEEDED, outcome.status(), outcome.result().error());
    assertEquals(
        "status 200\ncontent-type text/plain\nbytes 23\nfirst line first line\n",
        new String(outcome.result().stdout(), StandardCharsets.UTF_8));
    assertEquals(1, outcome.result().usage().httpRequests());
  }

  @Test
  void theSampleExitsOneWithTheReasonForAnUndeclaredOrigin() {
    server.text("/", "x");

    RunOutcome outcome = run(server.origin() + "/", List.of("https://api.example.com"));

    assertEquals(1, outcome.result().exitCode());
    assertTrue(
        new String(outcome.result().stderr(), StandardCharsets.UTF_8)
            .contains("origin not permitted (code 1)"));
    assertEquals(0, server.requests());
  }

  private static RunOutcome run(String stdin, List<String> origins) {
    byte[] wasm;
    try {
      wasm = Files.readAllBytes(SAMPLE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (Sandbox sandbox =
        new Sandbox(
            1 << 20, MemoryBudget.unlimited(), HttpSettings.defaults().withAllowPrivate(true))) {
      return sandbox.run(
          PreparedModule.prepare(wasm),
          new RunRequest(
              stdin.getBytes(StandardCharsets.UTF_8),
              List.of("http-fetch"),
              Map.of(),
              10_000,
              16,
              HttpPermissions.of(origins)));
    }
  }
}
