package io.agentry.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaskRulesTest {

  @Test
  void everyEnvNameThatIsASecretsNameIsAViolationInNameOrder() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("TOKEN", "guess");
    env.put("MODE", "fast");
    env.put("API_KEY", "guess");

    List<TaskRules.Violation> violations =
        TaskRules.envSecrets(env, Set.of("API_KEY", "TOKEN", "UNUSED"));

    assertEquals(
        List.of("env.API_KEY", "env.TOKEN"),
        violations.stream().map(TaskRules.Violation::field).toList());
    assertEquals(
        "field 'env' key \"API_KEY\" is the name of one of the agent's secrets, which only its"
            + " owner sets; use another name",
        violations.get(0).reason());
  }

  @Test
  void anEnvWithoutSecretsNamesBreaksNoRule() {
    assertEquals(List.of(), TaskRules.envSecrets(Map.of("MODE", "fast"), Set.of("API_KEY")));
    assertEquals(List.of(), TaskRules.envSecrets(Map.of("API_KEY", "x"), Set.of()));
  }
}
