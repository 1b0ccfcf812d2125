package io.agentry.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** docs/operations.md keeps up with the manifests it explains. */
class OperationsGuideTest {

  /**
   * Fields whose object names a Secret: env, CloudNativePG's initdb and backup credentials, KEDA's
   * trigger authentication.
   */
  private static final Set<String> SECRET_REFERENCES =
      Set.of("secretKeyRef", "secret", "accessKeyId", "secretAccessKey", "secretTargetRef");

  @Test
  void theGuideNamesEverySecretTheManifestsReference() {
    Set<String> secrets = new TreeSet<>();
    for (List<ObjectNode> variant : Variants.all().values()) {
      variant.forEach(doc -> collectSecretNames(doc, null, secrets));
    }
    assertFalse(secrets.isEmpty());
    String guide = guide();
    secrets.removeIf(secret -> guide.contains("`" + secret + "`"));
    assertEquals(Set.of(), secrets, "Secrets docs/operations.md does not explain");
  }

  @Test
  void theGuideExplainsEveryAlert() {
    String guide = guide();
    List<String> missing =
        MonitoringTest.alertNames().stream().filter(alert -> !guide.contains(alert)).toList();
    assertEquals(List.of(), missing);
  }

  @Test
  void theGuideGivesTheImageSettingsOfBuildImagesScript() {
    String guide = guide();
    for (String key :
        List.of(
            "quarkus.jib.user",
            "quarkus.jib.jvm-additional-arguments",
            "quarkus.jib.working-directory")) {
      String setting = "-D" + key + "=" + BuildImages.property(key);
      assertTrue(guide.contains(setting), "docs/operations.md lacks " + setting);
    }
  }

  /** Names under a Secret reference, or in a secretName field (volumes, Ingress TLS). */
  private static void collectSecretNames(JsonNode node, String field, Set<String> names) {
    if (node.isObject()) {
      if (field != null && SECRET_REFERENCES.contains(field) && node.has("name")) {
        names.add(node.path("name").asText());
      }
      for (Map.Entry<String, JsonNode> child : Yaml.fields(node)) {
        if (child.getKey().equals("secretName") && child.getValue().isTextual()) {
          names.add(child.getValue().asText());
        }
        collectSecretNames(child.getValue(), child.getKey(), names);
      }
    } else if (node.isArray()) {
      node.forEach(item -> collectSecretNames(item, field, names));
    }
  }

  private static String guide() {
    try {
      return Files.readString(DeployTree.operationsGuide());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
