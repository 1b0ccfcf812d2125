package io.agentry.e2e;

import io.agentry.localstack.Component;
import io.agentry.localstack.Endpoints;
import io.agentry.localstack.LocalStack;
import io.agentry.localstack.PackagedService;
import io.agentry.localstack.StackOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The whole platform as {@code ./agentry up} runs it: the local stack, then the four packaged
 * services as separate processes (two executors), started once per test JVM and stopped when it
 * exits. Tests reach it only through the gateway's public API and Kafka.
 */
public final class Platform {

  private static final List<String> SERVICE_JVM = PackagedService.TEST_JVM_ARGS;
  private static final List<String> EXECUTOR_JVM =
      List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  private static Platform running;

  private final Path home;
  private final LocalStack stack;
  private final PackagedService registry;
  private final List<PackagedService> executors = new ArrayList<>();
  private volatile PackagedService results;
  private volatile PackagedService gateway;

  private Platform() {
    home = Path.of("target", "e2e", "run-" + ProcessHandle.current().pid()).toAbsolutePath();
    stack = LocalStack.start(StackOptions.ephemeral(home, Component.parseList(null)));
    Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "platform-stop"));
    Endpoints endpoints = stack.endpoints();

    Map<String, String> registryConfig = new HashMap<>(endpoints.quarkusConfig("registry"));
    registryConfig.put("agentry.registry.auth.generated-key-dir", registryKeyDir().toString());
    // Every test user registers, and the hostile tests fail logins, from the one loopback address.
    registryConfig.put("agentry.registry.throttle.register.address-attempts", "10000");
    registryConfig.put("agentry.registry.throttle.login.address-failures", "10000");
    registryConfig.put("agentry.registry.throttle.login.address-attempts", "10000");
    registry = PackagedService.start("registry-service", registryConfig, SERVICE_JVM);
    String jwks = registry.baseUrl() + "/.well-known/jwks.json";

    Map<String, String> resultsConfig = new HashMap<>(endpoints.quarkusConfig("results"));
    resultsConfig.put("mp.jwt.verify.publickey.location", jwks);
    resultsConfig.put("agentry.results.registry.url", registry.baseUrl());
    Map<String, String> executorConfig = new HashMap<>(endpoints.quarkusConfig(null));
    executorConfig.put("agentry.executor.registry.url", registry.baseUrl());

    var startedResults =
        CompletableFuture.supplyAsync(
            () -> PackagedService.start("results-service", resultsConfig, SERVICE_JVM));
    var startedExecutors =
        List.of(
            CompletableFuture.supplyAsync(
                () -> PackagedService.start("executor-service", executorConfig, EXECUTOR_JVM)),
            CompletableFuture.supplyAsync(
                () -> PackagedService.start("executor-service", executorConfig, EXECUTOR_JVM)));
    results = startedResults.join();
    startedExecutors.forEach(started -> executors.add(started.join()));

    Map<String, String> gatewayConfig = new HashMap<>(endpoints.quarkusConfig("gateway"));
    gatewayConfig.put("mp.jwt.verify.publickey.location", jwks);
    gatewayConfig.put("agentry.gateway.routes.registry-url", registry.baseUrl());
    gatewayConfig.put("agentry.gateway.routes.results-url", results.baseUrl());
    // The tests poll every task of their batches as one user, far above a person's request rate.
    gatewayConfig.put("agentry.gateway.rate-limit.requests-per-second", "5000");
    gatewayConfig.put("agentry.gateway.rate-limit.burst", "5000");
    // The fault suite's batches queue more tasks for one user than the default quota allows.
    gatewayConfig.put("agentry.gateway.quota.max-tasks", "100000");
    // Every test client is on loopback: the authorization matrix alone sends hundreds of bad keys.
    gatewayConfig.put("agentry.gateway.auth.failures-per-address", "100000");
    gatewayConfig.put("agentry.gateway.quota.max-memory-seconds", "1000000000");
    gateway = PackagedService.start("gateway", gatewayConfig, SERVICE_JVM);
  }

  /** The platform of this JVM, started on first use. */
  public static synchronized Platform get() {
    if (running == null) {
      running = new Platform();
    }
    return running;
  }

  /** The public API's base URL, {@code http://127.0.0.1:<port>/api/v1}. */
  public String apiUrl() {
    return gateway.baseUrl() + "/api/v1";
  }

  /** The gateway's own base URL, {@code http://127.0.0.1:<port>} (e.g. for {@code /q/openapi}). */
  public String gatewayUrl() {
    return gateway.baseUrl();
  }

  /**
   * A JDBC connection to one service's database ({@code registry}, {@code results}, {@code
   * gateway}), as the service's own role: for tests that hold a service's writes back.
   */
  public java.sql.Connection database(String name) throws java.sql.SQLException {
    return java.sql.DriverManager.getConnection(
        stack.endpoints().jdbcUrl(name), Endpoints.DATABASE_USER, Endpoints.DATABASE_PASSWORD);
  }

  /** Where the registry keeps the key pair that signs its tokens (PEM files). */
  Path registryKeyDir() {
    return home.resolve("registry-keys");
  }

  String kafkaBootstrap() {
    return stack.endpoints().kafkaBootstrap();
  }

  synchronized List<PackagedService> executors() {
    return List.copyOf(executors);
  }

  /** Kills an executor with SIGKILL, as a crash would. */
  synchronized void killExecutor(PackagedService executor) {
    executor.kill();
    executors.remove(executor);
  }

  /** Starts an executor again in place of one that died. */
  synchronized PackagedService replaceExecutor(PackagedService dead) {
    PackagedService started = dead.restart();
    executors.add(started);
    return started;
  }

  /** Stops the results service gracefully and starts it again on the same port. */
  synchronized void restartResults() {
    results.stop();
    results = results.restart();
  }

  /** Kills the results service with SIGKILL, as a crash would; see {@link #startResultsAgain}. */
  synchronized void killResults() {
    results.kill();
  }

  /** Starts the killed or stopped results service again on the same port. */
  synchronized void startResultsAgain() {
    results = results.restart();
  }

  /** Kills the gateway with SIGKILL, as a crash would; see {@link #startGatewayAgain}. */
  synchronized void killGateway() {
    gateway.kill();
  }

  /** Starts the killed or stopped gateway again on the same port, so {@link #apiUrl} holds. */
  synchronized void startGatewayAgain() {
    gateway = gateway.restart();
  }

  /** Kills one server of the local stack with SIGKILL; its data stays for {@link #startAgain}. */
  void kill(Component component) {
    stack.kill(component);
  }

  /** Stops one server of the local stack as an operator would, keeping its data. */
  void stop(Component component) {
    stack.stop(component);
  }

  /** Starts a killed or stopped server of the local stack again, with its data, on its port. */
  void startAgain(Component component) {
    stack.startAgain(component);
  }

  private synchronized void stop() {
    List<PackagedService> services = new ArrayList<>(executors);
    services.add(gateway);
    services.add(results);
    services.add(registry);
    services.stream().filter(java.util.Objects::nonNull).forEach(PackagedService::stop);
    stack.close();
  }
}
