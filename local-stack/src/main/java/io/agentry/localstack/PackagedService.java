package io.agentry.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A sibling module's packaged Quarkus application ({@code <module>/target/quarkus-app}) run as a
 * child process on a free loopback port, exactly as {@code ./agentry up} runs it. Tests that need a
 * real downstream service, or that kill one, start it with this class.
 */
public final class PackagedService implements AutoCloseable {

  /** Lean JVM settings for a service started by a test. */
  public static final List<String> TEST_JVM_ARGS =
      List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String module;
  private final Map<String, String> config;
  private final List<String> jvmArgs;
  private final int port;
  private final Path log;
  private final ChildProcess process;

  private PackagedService(
      String module,
      Map<String, String> config,
      List<String> jvmArgs,
      int port,
      Path log,
      ChildProcess process) {
    this.module = module;
    this.config = Map.copyOf(config);
    this.jvmArgs = List.copyOf(jvmArgs);
    this.port = port;
    this.log = log;
    this.process = process;
  }

  /** Starts the module's packaged application with {@link #TEST_JVM_ARGS} and waits until ready. */
  public static PackagedService start(String module, Map<String, String> config) {
    return start(module, config, TEST_JVM_ARGS);
  }

  /**
   * Starts the module's packaged application and waits until {@code /q/health/ready} answers 200.
   *
   * @param module the module directory name, e.g. {@code registry-service}
   * @param config Quarkus configuration, passed as system properties
   * @param jvmArgs JVM options such as the heap size
   */
  public static PackagedService start(
      String module, Map<String, String> config, List<String> jvmArgs) {
    return start(module, config, jvmArgs, Ports.resolve(0));
  }

  /**
   * Starts the same service again on the same port, with the same configuration, once this one has
   * stopped or been killed: a restart as its clients see it.
   */
  public PackagedService restart() {
    if (process.isAlive()) {
      throw new IllegalStateException(module + " is still running: stop or kill it first");
    }
    return start(module, config, jvmArgs, port);
  }

  private static PackagedService start(
      String module, Map<String, String> config, List<String> jvmArgs, int port) {
    Path jar = packagedJar(module);
    Path log =
        Path.of(System.getProperty("user.dir"), "target", "packaged-services")
            .resolve(module + "-" + port + ".log");
    List<String> args = new ArrayList<>(jvmArgs);
    config.forEach((key, value) -> args.add("-D" + key + "=" + value));
    args.add("-Dquarkus.http.port=" + port);
    args.add("-Dquarkus.http.host=127.0.0.1");
    ChildProcess child = ChildProcess.startJava(module, args, List.of("-jar", jar.toString()), log);
    PackagedService service = new PackagedService(module, config, jvmArgs, port, log, child);
    Runtime.getRuntime().addShutdownHook(new Thread(child::stop, module + "-stop"));
    try {
      service.awaitReady();
    } catch (RuntimeException e) {
      child.stop();
      throw e;
    }
    return service;
  }

  /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The file that receives the service's output. */
  public Path log() {
    return log;
  }

  /** Stops the service gracefully (SIGTERM), forcing it after a grace period. */
  public void stop() {
    process.stop();
  }

  /** Kills the service at once (SIGKILL), as a crash would. */
  public void kill() {
    process.kill();
  }

  @Override
  public void close() {
    stop();
  }

  private void awaitReady() {
    URI ready = URI.create(baseUrl() + "/q/health/ready");
    try {
      Readiness.await(
          module,
          READY_TIMEOUT,
          process::isAlive,
          () -> {
            HttpResponse<Void> response =
                HTTP.send(
                    HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
              throw new IllegalStateException("readiness answered " + response.statusCode());
            }
          });
    } catch (StackException e) {
      throw new StackException(e.getMessage() + "\n" + logTail(), e);
    }
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log at " + log + ")";
    }
  }

  /** Finds {@code <module>/target/quarkus-app/quarkus-run.jar} in this build's root directory. */
  static Path packagedJar(String module) {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(module).resolve("pom.xml"))) {
        Path jar = dir.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
          throw new StackException(
              module
                  + " is not packaged yet: run `mvn -pl "
                  + module
                  + " -am package -DskipTests` (a reactor build packages it first)");
        }
        return jar;
      }
    }
    throw new StackException("no module directory " + module + " above " + Path.of("."));
  }
}
