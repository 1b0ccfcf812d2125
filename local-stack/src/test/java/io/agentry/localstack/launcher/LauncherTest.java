package io.agentry.localstack.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentry.localstack.LocalTopology.Port;
import io.agentry.localstack.Ports;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The launcher's commands against real processes (stand-ins that carry the command line of a
 * platform part), in a root folder of their own and on free ports.
 */
class LauncherTest {

  private Path root;
  private AgentryHome home;
  private Map<String, String> env;
  private final List<Process> started = new ArrayList<>();
  private final List<ServerSocket> sockets = new ArrayList<>();
  private String out;
  private String err;

  @BeforeEach
  void freshRootOnFreePorts() throws IOException {
    root =
        Files.createDirectories(
            Path.of("target", "launcher-test", UUID.randomUUID().toString()).toAbsolutePath());
    home = new AgentryHome(root);
    env = new HashMap<>();
    for (Port port : Port.values()) {
      env.put(port.variable(), Integer.toString(freePort()));
    }
  }

  @AfterEach
  void stopEverything() throws IOException {
    for (Process process : started) {
      process.destroyForcibly();
    }
    for (ServerSocket socket : sockets) {
      socket.close();
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  @Test
  void anUnknownCommandOrNoCommandIsAUsageError() {
    assertEquals(2, run("start"));
    assertTrue(err.contains("Unmatched argument"), err);
    assertEquals(2, run());
    assertTrue(err.contains("a command is required: up, down, status, logs or reset"), err);
  }

  @Test
  void aMalformedPortVariableIsAUsageErrorNamingTheVariable() {
    env.put("AGENTRY_PORT_GATEWAY", "eighty");
    assertEquals(2, run("status"));
    assertEquals("AGENTRY_PORT_GATEWAY must be a number from 1 to 65535, was 'eighty'", err.trim());
  }

  @Test
  void logsPrintsTheLastTwoHundredLinesAndRefusesAnUnknownName() throws IOException {
    home.create();
    Files.write(
        home.log("registry"), IntStream.rangeClosed(1, 300).mapToObj(i -> "line " + i).toList());

    assertEquals(0, run("logs", "registry"));
    List<String> lines = out.lines().toList();
    assertEquals(200, lines.size());
    assertEquals("line 101", lines.get(0));
    assertEquals("line 300", lines.get(199));

    assertEquals(2, run("logs", "postgresql"));
    assertTrue(err.contains("unknown log: postgresql; valid names: infra, postgres, kafka"), err);
    assertEquals(1, run("logs", "gateway"));
    assertTrue(err.contains("no log for gateway yet (.agentry/logs/gateway.log)"), err);
  }

  @Test
  void upRefusesATakenPortNamingItAndTheVariableThatMovesIt() throws IOException {
    int port = Integer.parseInt(env.get("AGENTRY_PORT_KAFKA"));
    hold(port);

    assertEquals(1, run("up"));

    assertEquals(
        "port "
            + port
            + " (kafka) is already in use by another process; stop it, run ./agentry down, or"
            + " move kafka with AGENTRY_PORT_KAFKA=<free port>",
        err.trim());
    assertFalse(Files.exists(home.pidFile("infra")), "nothing was started");
  }

  @Test
  void aSecondCommandFailsAtOnceWhileAnotherHoldsTheLock() throws Exception {
    home.create();
    Process holder = startJava(HoldLock.class.getName(), home.run().resolve("lock").toString());
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
      assertEquals("locked", lines.readLine());
    }

    long began = System.nanoTime();
    assertEquals(1, run("down"));
    assertEquals("another ./agentry command is running; wait for it to finish", err.trim());
    assertEquals(1, run("reset"));
    assertTrue(Duration.ofNanos(System.nanoTime() - began).toSeconds() < 5);
  }

  @Test
  void withNothingRunningStatusShowsEveryPartStoppedAndDownSaysSo() {
    assertEquals(0, run("status"));
    List<String> lines = out.lines().toList();
    assertEquals("COMPONENT  STATE      PID      PORTS", lines.get(0).trim());
    assertEquals(9, lines.size(), out);
    for (String line : lines.subList(1, lines.size())) {
      assertTrue(line.contains(" stopped "), line);
    }
    assertTrue(lines.get(8).contains(env.get("AGENTRY_PORT_GATEWAY")), lines.get(8));
    assertEquals(1, run("running"));

    assertEquals(0, run("down"));
    assertEquals("nothing is running", out.trim());
  }

  @Test
  void downStopsAServiceFoundByItsPidFileAndCommandLine() throws Exception {
    Process gateway = startPart("gateway", "-jar", jar("gateway"));
    OwnProcesses.writePid(home.pidFile("gateway"), gateway.pid());

    assertEquals(0, run("status"));
    assertTrue(out.contains("gateway    not ready  " + gateway.pid()), out);
    assertEquals(0, run("running"));

    assertEquals(0, run("down"));
    assertTrue(out.contains("stopped gateway (pid " + gateway.pid() + ")"), out);
    assertTrue(gateway.waitFor(10, TimeUnit.SECONDS));
    assertFalse(Files.exists(home.pidFile("gateway")));
  }

  @Test
  void aPidFileNamingAnotherProgramIsNeverTakenForOurs() throws Exception {
    Process other =
        startOther(
            "registry",
            List.of("-Dagentry.part=registry", "-Dagentry.home=/elsewhere/.agentry"),
            "-jar",
            "/elsewhere/registry-service.jar");
    OwnProcesses.writePid(home.pidFile("registry"), other.pid());

    assertEquals(0, run("status"));
    assertTrue(out.lines().anyMatch(line -> line.matches("registry +stopped +- +\\d+")), out);
    assertEquals(0, run("down"));
    assertEquals("nothing is running", out.trim());
    assertTrue(other.isAlive(), "the other program still runs");
    assertEquals(0, run("reset"), err);
  }

  @Test
  void downKillsAProcessOfOursThatHoldsAPortWithoutAPidFile() throws Exception {
    int port = Integer.parseInt(env.get("AGENTRY_PORT_KAFKA"));
    Process kafka =
        startPart(
            "kafka",
            "kafka.Kafka",
            home.state().resolve("data/kafka/server.properties").toString(),
            "--listen",
            Integer.toString(port));
    awaitListening(port);

    assertEquals(0, run("down"));

    assertTrue(
        err.contains("a kafka process of this ./agentry still runs (pid " + kafka.pid() + ")"),
        err);
    assertTrue(kafka.waitFor(10, TimeUnit.SECONDS));
    assertFalse(Ports.inUse(port));
  }

  @Test
  void aPortHeldByAnotherProgramIsOnlyReportedByDown() throws IOException {
    int port = Integer.parseInt(env.get("AGENTRY_PORT_GATEWAY"));
    hold(port);

    assertEquals(0, run("down"));

    assertTrue(
        err.contains(
            "note: port "
                + port
                + " (gateway) is still in use by another program, which"
                + " ./agentry did not start"),
        err);
  }

  @Test
  void resetRefusesWhileSomethingRunsAndOtherwiseDeletesDataLogsAndTempFolders() throws Exception {
    home.create();
    Files.writeString(home.apiKey(), "agy_old");
    Files.writeString(home.log("gateway"), "old");
    Path binaries = Files.createDirectories(home.state().resolve("postgres/PG-x"));
    Process infra =
        startPart(
            "infra", "io.agentry.localstack.LocalStackMain", "--home", home.state().toString());
    OwnProcesses.writePid(home.pidFile("infra"), infra.pid());

    assertEquals(1, run("reset"));
    assertEquals("infra is running; run ./agentry down first", err.trim());
    assertTrue(Files.exists(home.apiKey()));

    assertEquals(0, run("down"));
    assertEquals(0, run("reset"));
    assertFalse(Files.exists(home.data()));
    assertFalse(Files.exists(home.logs()));
    assertTrue(Files.isDirectory(binaries), "the unpacked binaries stay");
  }

  @Test
  void aDetachedProcessIgnoresTheTerminalsSignalsAndStopsOnSigterm() throws Exception {
    Process process = startPart("results", "-jar", jar("results-service"));
    awaitOutput(home.log("results"), "sleeping");

    for (String signal : List.of("-INT", "-HUP")) {
      Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).start();
      assertEquals(0, kill.waitFor());
    }
    assertFalse(process.waitFor(1, TimeUnit.SECONDS), "Ctrl-C and a closed terminal are ignored");

    process.destroy();
    assertTrue(process.waitFor(10, TimeUnit.SECONDS), "SIGTERM stops it");
  }

  @Test
  void aDetachedProcessGetsItsSecretsInItsEnvironmentAndNotOnItsCommandLine() throws Exception {
    String secret = "token-" + java.util.UUID.randomUUID();
    List<String> args = new ArrayList<>(Part.parse("executor").markers(home));
    // Only the stand-in's own folder: the JDK reads the first 4 KiB of a command line.
    String classes =
        Path.of(Sleeper.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();
    args.addAll(List.of("-Xmx32m", "-cp", classes));
    args.addAll(List.of(Sleeper.class.getName(), "--print-env", "AGENTRY_TEST_SECRET"));
    home.create();
    Process process =
        Detached.startJava(
            "executor",
            args,
            Map.of("AGENTRY_TEST_SECRET", secret),
            root,
            home.tmp("executor"),
            home.log("executor"));
    started.add(process);

    awaitOutput(home.log("executor"), "AGENTRY_TEST_SECRET=" + secret);
    String commandLine = process.toHandle().info().commandLine().orElse("");
    assertTrue(commandLine.contains("--print-env"), commandLine);
    assertFalse(commandLine.contains(secret), commandLine);
  }

  private int run(String... args) {
    StringWriter outText = new StringWriter();
    StringWriter errText = new StringWriter();
    int code =
        Launcher.run(
            home, env, new PrintWriter(outText, true), new PrintWriter(errText, true), args);
    out = outText.toString();
    err = errText.toString();
    return code;
  }

  private String jar(String module) {
    return root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar").toString();
  }

  /** A stand-in started the way the launcher starts a part, with its markers. */
  private Process startPart(String name, String... partArgs) {
    return startJvm(name, Part.parse(name).markers(home), partArgs);
  }

  /** A stand-in with other markers: a program that is not this platform's part. */
  private Process startOther(String name, List<String> markers, String... partArgs) {
    return startJvm(name, markers, partArgs);
  }

  private Process startJvm(String name, List<String> markers, String... partArgs) {
    List<String> args = new ArrayList<>(markers);
    args.addAll(List.of("-Xmx32m", "-cp", System.getProperty("java.class.path")));
    args.add(Sleeper.class.getName());
    args.addAll(List.of(partArgs));
    home.create();
    Process process =
        Detached.startJava(name, args, Map.of(), root, home.tmp(name), home.log(name));
    started.add(process);
    return process;
  }

  private Process startJava(String mainClass, String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).start();
    started.add(process);
    return process;
  }

  private void hold(int port) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    sockets.add(socket);
  }

  private static void awaitListening(int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!Ports.inUse(port)) {
      assertTrue(System.nanoTime() < deadline, "nothing listens on " + port);
      Thread.sleep(50);
    }
  }

  private static void awaitOutput(Path log, String text) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!Files.exists(log) || !Files.readString(log).contains(text)) {
      assertTrue(System.nanoTime() < deadline, "no '" + text + "' in " + log);
      Thread.sleep(50);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
