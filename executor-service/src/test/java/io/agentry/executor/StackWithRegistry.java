package io.agentry.executor;

import io.agentry.localstack.Component;
import io.agentry.localstack.Endpoints;
import io.agentry.localstack.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} of the executor at this JVM's local stack (PostgreSQL for the
 * registry, Kafka, S3) and at the packaged registry-service running against it; both are started
 * once per JVM and stopped when it exits.
 */
public class StackWithRegistry implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    Endpoints endpoints =
        LocalStackTestResource.sharedStack(EnumSet.allOf(Component.class)).endpoints();
    Map<String, String> config = new LinkedHashMap<>(endpoints.quarkusConfig(null));
    config.put("agentry.executor.registry.url", TestRegistry.start(endpoints));
    config.put("agentry.executor.registry.secrets-token", TestRegistry.EXECUTOR_TOKEN);
    return config;
  }

  @Override
  public void stop() {
    // The stack and the registry outlive each application start; shutdown hooks stop them.
  }
}
