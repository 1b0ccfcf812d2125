package io.agentry.gateway.support;

import io.agentry.localstack.Component;
import io.agentry.localstack.Endpoints;
import io.agentry.localstack.LocalStackTestResource;
import io.agentry.localstack.PackagedService;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs the real registry-service and results-service, as packaged, against this JVM's local stack,
 * once per test JVM, and points the gateway at them.
 */
public class DownstreamServices implements QuarkusTestResourceLifecycleManager {

  /** The local stack components every gateway test class asks for. */
  public static final String COMPONENTS = "postgres,kafka,s3";

  /**
   * Failed logins the registry allows per client address in an hour. Every test logs in through the
   * gateway from loopback, so only {@code ClientAddressTest} may use this up (for an address of its
   * own); registrations are not limited in practice.
   */
  public static final int LOGIN_FAILURES_PER_ADDRESS = 10;

  /** How often the results service checks its live streams' credentials again. */
  public static final String LIVE_RECHECK_INTERVAL = "1s";

  private static PackagedService registry;
  private static PackagedService results;

  @Override
  public Map<String, String> start() {
    startOnce();
    Map<String, String> config = new LinkedHashMap<>();
    config.put("agentry.gateway.routes.registry-url", registry.baseUrl());
    config.put("agentry.gateway.routes.results-url", results.baseUrl());
    config.put("mp.jwt.verify.publickey.location", jwks());
    return config;
  }

  @Override
  public void stop() {
    // The services outlive each application start; their shutdown hooks stop them.
  }

  public static synchronized PackagedService registry() {
    startOnce();
    return registry;
  }

  public static synchronized PackagedService results() {
    startOnce();
    return results;
  }

  /** Where the registry keeps its generated signing keys (read by tests that forge tokens). */
  public static Path registryKeyDir() {
    return Path.of("target", "registry-keys").toAbsolutePath();
  }

  private static synchronized void startOnce() {
    if (registry != null) {
      return;
    }
    Endpoints endpoints =
        LocalStackTestResource.sharedStack(Component.parseList(COMPONENTS)).endpoints();
    Map<String, String> registryConfig = new LinkedHashMap<>(endpoints.quarkusConfig("registry"));
    registryConfig.put("agentry.registry.auth.generated-key-dir", registryKeyDir().toString());
    registryConfig.put("agentry.registry.auth.bcrypt-cost", "4");
    registryConfig.put("agentry.registry.throttle.register.address-attempts", "100000");
    registryConfig.put("agentry.registry.throttle.login.address-attempts", "100000");
    registryConfig.put(
        "agentry.registry.throttle.login.address-failures",
        Integer.toString(LOGIN_FAILURES_PER_ADDRESS));
    registryConfig.put("agentry.registry.throttle.login.address-period", "1h");
    registry = PackagedService.start("registry-service", registryConfig);
    Map<String, String> resultsConfig = new LinkedHashMap<>(endpoints.quarkusConfig("results"));
    resultsConfig.put("mp.jwt.verify.publickey.location", jwks());
    resultsConfig.put("agentry.results.registry.url", registry.baseUrl());
    resultsConfig.put("agentry.results.live.recheck-interval", LIVE_RECHECK_INTERVAL);
    results = PackagedService.start("results-service", resultsConfig);
  }

  private static String jwks() {
    return registry.baseUrl() + "/.well-known/jwks.json";
  }
}
