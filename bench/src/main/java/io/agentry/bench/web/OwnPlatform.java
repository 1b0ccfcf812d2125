package io.agentry.bench.web;

import io.agentry.localstack.Component;
import io.agentry.localstack.Endpoints;
import io.agentry.localstack.LocalStack;
import io.agentry.localstack.PackagedService;
import io.agentry.localstack.StackOptions;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The platform a benchmark needs (PostgreSQL, Kafka and S3 on free ports, the packaged registry,
 * results service and gateway, and an executor when tasks must run), started for one benchmark run
 * and stopped after it, so the benchmark needs no {@code ./agentry up} and binds no fixed port. The
 * services must be packaged first ({@code mvn -pl gateway,executor-service -am package
 * -DskipTests}).
 */
public final class OwnPlatform implements AutoCloseable {

  private static final List<String> JVM = List.of("-Xmx384m", "-XX:+UseSerialGC");

  private final LocalStack stack;
  private final PackagedService registry;
  private final PackagedService results;
  private final PackagedService gateway;
  private final PackagedService executor;

  /** Without an executor: the search page runs no task. */
  OwnPlatform(Path home) {
    this(home, false);
  }

  public OwnPlatform(Path home, boolean withExecutor) {
    stack =
        LocalStack.start(
            StackOptions.ephemeral(
                home, Set.of(Component.POSTGRES, Component.KAFKA, Component.S3)));
    Endpoints endpoints = stack.endpoints();
    Map<String, String> registryConfig = new HashMap<>(endpoints.quarkusConfig("registry"));
    registryConfig.put("agentry.registry.auth.generated-key-dir", home.resolve("keys").toString());
    registry = PackagedService.start("registry-service", registryConfig, JVM);
    String jwks = registry.baseUrl() + "/.well-known/jwks.json";
    Map<String, String> resultsConfig = new HashMap<>(endpoints.quarkusConfig("results"));
    resultsConfig.put("mp.jwt.verify.publickey.location", jwks);
    resultsConfig.put("agentry.results.registry.url", registry.baseUrl());
    results = PackagedService.start("results-service", resultsConfig, JVM);
    if (withExecutor) {
      Map<String, String> executorConfig = new HashMap<>(endpoints.quarkusConfig(null));
      executorConfig.put("agentry.executor.registry.url", registry.baseUrl());
      executor = PackagedService.start("executor-service", executorConfig, JVM);
    } else {
      executor = null;
    }
    Map<String, String> gatewayConfig = new HashMap<>(endpoints.quarkusConfig("gateway"));
    gatewayConfig.put("mp.jwt.verify.publickey.location", jwks);
    gatewayConfig.put("agentry.gateway.routes.registry-url", registry.baseUrl());
    gatewayConfig.put("agentry.gateway.routes.results-url", results.baseUrl());
    gatewayConfig.put("agentry.gateway.rate-limit.enabled", "false");
    gateway = PackagedService.start("gateway", gatewayConfig, JVM);
  }

  public String gatewayUrl() {
    return gateway.baseUrl();
  }

  @Override
  public void close() {
    gateway.stop();
    if (executor != null) {
      executor.stop();
    }
    results.stop();
    registry.stop();
    stack.close();
  }
}
