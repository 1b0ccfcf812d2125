package io.agentry.newcomer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentry.localstack.Ports;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The first thing a new user does, on a machine as fresh as this build can make it: a clean copy of
 * the checkout (its tracked files with their uncommitted changes, and new files not ignored), no
 * project artifact in the local Maven repository, an empty temp folder for every JVM, free ports.
 * Then {@code ./agentry up}, {@code demo}, {@code status} and {@code down}, and nothing may be left
 * running, listening or in the temp folder. The copy builds itself with the launcher's own build
 * command, once.
 */
class NewcomerPathTest {

  private static final Duration FIRST_UP = Duration.ofMinutes(45);
  private static final Duration COMMAND = Duration.ofMinutes(10);

  private Workspace workspace;
  private Map<String, String> ports;

  @BeforeEach
  void freshMachine() throws IOException {
    workspace =
        Workspace.create(
            Path.of(System.getProperty("agentry.newcomer.source")),
            Path.of(System.getProperty("agentry.newcomer.repository")),
            Path.of("target", "newcomer").toAbsolutePath());
    ports = new LinkedHashMap<>();
    for (String name :
        List.of(
            "GATEWAY",
            "REGISTRY",
            "RESULTS",
            "EXECUTOR",
            "POSTGRES",
            "KAFKA",
            "KAFKA_CONTROLLER",
            "S3")) {
      ports.put("AGENTRY_PORT_" + name, Integer.toString(freePort()));
    }
  }

  @AfterEach
  void leaveNothingBehind() throws Exception {
    if (workspace != null) {
      workspace.cleanUp(ports);
    }
  }

  @Test
  void upDemoStatusAndDownWorkTheFirstTimeAndLeaveNothingBehind() throws Exception {
    if (Boolean.parseBoolean(System.getProperty("agentry.newcomer.seed", "true"))) {
      workspace.seedHalfUnpackedPostgres();
    }

    Run up = workspace.agentry(ports, FIRST_UP, "up");
    assertEquals(0, up.exit(), up.text());
    assertTrue(up.text().contains("Agentry is up"), up.text());
    assertTrue(up.text().contains("API key: agy_"), up.text());

    Run demo = workspace.agentry(ports, COMMAND, "demo");
    assertEquals(0, demo.exit(), demo.text());
    assertTrue(demo.text().contains("Agentry is already running."), demo.text());
    assertTrue(demo.text().contains("SUCCEEDED"), demo.text());
    assertTrue(demo.text().contains("\"lines\":3,\"words\":"), "the result: " + demo.text());

    Run status = workspace.agentry(ports, COMMAND, "status");
    assertEquals(0, status.exit(), status.text());
    for (String part :
        List.of("infra", "postgres", "kafka", "s3", "registry", "results", "executor", "gateway")) {
      assertTrue(
          status.text().lines().anyMatch(line -> line.trim().matches(part + " +running +\\d+ .*")),
          part + " runs: " + status.text());
    }

    Run down = workspace.agentry(ports, COMMAND, "down");
    assertEquals(0, down.exit(), down.text());

    assertEquals(List.of(), workspace.processesOfTheCopy(Duration.ofSeconds(15)), "still running");
    List<String> listening = new ArrayList<>();
    ports.forEach(
        (variable, port) -> {
          if (Ports.inUse(Integer.parseInt(port))) {
            listening.add(variable + "=" + port);
          }
        });
    assertEquals(List.of(), listening, "still listening");
    assertEquals(List.of(), workspace.unexpectedTempFiles(), "left in the JVMs' temp folder");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** One command's exit code and its output (stdout and stderr together, in order). */
  record Run(int exit, String text) {}
}
