package io.agentry.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The key reading that the environment checks rely on. */
class ConfigKeysTest {

  @Test
  void envNameReplacesEveryCharacterThatIsNotALetterOrDigit() {
    assertEquals(
        "MP_MESSAGING_INCOMING_AGENT_TASKS_GROUP_ID",
        ServiceModule.envName("mp.messaging.incoming.agent-tasks.group.id"));
  }

  @Test
  void configMappingKeysFollowNestedGroupsInKebabCase() {
    String source =
        """
        @ConfigMapping(prefix = "agentry.sample")
        public interface SampleConfig {
          /** A group; its javadoc (with parentheses()) is no method. */
          Pool pool();

          Optional<String> id();

          @WithName("cap")
          int captureBytes();

          Map<String, String> labels();

          interface Pool {
            @WithDefault("2")
            int maxThreads();

            Duration idleTimeout();
          }
        }
        """;
    assertEquals(
        Set.of(
            "agentry.sample.pool.max-threads",
            "agentry.sample.pool.idle-timeout",
            "agentry.sample.id",
            "agentry.sample.cap",
            "agentry.sample.labels.*"),
        ConfigMappingKeys.keys(source));
  }

  @Test
  void theExecutorAcceptsItsMappedKeysAndRefusesOthers() {
    ServiceModule executor = ServiceModule.of("executor-service");
    assertTrue(executor.acceptsEnv("AGENTRY_EXECUTOR_WORKERS_THREADS"));
    assertTrue(executor.acceptsEnv("AGENTRY_EXECUTOR_CACHE_MAX_BYTES"));
    assertTrue(executor.acceptsEnv("KAFKA_BOOTSTRAP_SERVERS"));
    assertFalse(executor.acceptsEnv("AGENTRY_EXECUTOR_WORKER_THREADS"));
    assertFalse(executor.acceptsEnv("QUARKUS_DATASOURCE_REACTIVE_URL"));
  }

  @Test
  void aMapKeyMatchesAnySegmentOfItsVariables() {
    ServiceModule withMap =
        new ServiceModule(
            "sample", new java.util.Properties(), Set.of("agentry.sample.labels.*"), null);
    assertTrue(withMap.acceptsEnv("AGENTRY_SAMPLE_LABELS_TEAM"));
    assertFalse(withMap.acceptsEnv("AGENTRY_SAMPLE_LABEL_TEAM"));
  }
}
