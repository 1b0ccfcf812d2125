package io.agentry.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.schema.validator.ValidationMessage;
import io.fabric8.kubernetes.schema.validator.ValidationReport;
import io.fabric8.kubernetes.schema.validator.Validator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kinds built into Kubernetes are checked against the Kubernetes OpenAPI schema (unknown fields,
 * wrong types, missing required fields). Custom resources have no schema on the Java side; their
 * contents are checked by the other tests, and their schemas by deploy/validate.sh.
 */
class KubernetesSchemaTest {

  /** The custom resources the manifests may use, by apiVersion and kind. */
  private static final Set<String> CUSTOM_KINDS =
      Set.of(
          "keda.sh/v1alpha1 ScaledObject",
          "kafka.strimzi.io/v1 Kafka",
          "kafka.strimzi.io/v1 KafkaNodePool",
          "kafka.strimzi.io/v1 KafkaTopic",
          "kafka.strimzi.io/v1 KafkaUser",
          "keda.sh/v1alpha1 TriggerAuthentication",
          "postgresql.cnpg.io/v1 Cluster",
          "postgresql.cnpg.io/v1 Database",
          "postgresql.cnpg.io/v1 ScheduledBackup",
          "monitoring.coreos.com/v1 PodMonitor",
          "monitoring.coreos.com/v1 PrometheusRule");

  /**
   * The schema types int-or-string fields as strings only, so the validator reports an integer
   * there, which Kubernetes accepts (maxUnavailable: 1). Only that report, on those fields, is
   * ignored.
   */
  private static final Pattern INT_OR_STRING_FALSE_ALARM =
      Pattern.compile(
          "\\[Path '.*/(maxUnavailable|maxSurge|minAvailable|port|targetPort)'\\] Instance type"
              + " \\(integer\\) does not match any allowed primitive type \\(allowed: \\[\"string\"\\]\\)");

  private static final Map<String, Boolean> builtInKinds = new ConcurrentHashMap<>();
  private static Validator validator;

  @BeforeAll
  static void loadSchema() {
    validator = Validator.newInstance();
  }

  @Test
  void everyKindIsBuiltIntoKubernetesOrAKnownCustomResource() {
    Set<String> unknown = new TreeSet<>();
    for (Path file : ManifestFilesTest.kubernetesFiles()) {
      for (JsonNode doc : Yaml.documents(file)) {
        String kind = apiVersionAndKind(doc);
        if (!doc.path("apiVersion").asText().startsWith("kustomize.config.k8s.io/")
            && !builtIn(doc)
            && !CUSTOM_KINDS.contains(kind)) {
          unknown.add(DeployTree.relative(file) + ": " + kind);
        }
      }
    }
    assertEquals(Set.of(), unknown);
  }

  @Test
  void everyRenderedResourceOfABuiltInKindMatchesTheKubernetesSchema() {
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (Map.Entry<String, List<ObjectNode>> variant : Variants.all().entrySet()) {
      for (ObjectNode doc : variant.getValue()) {
        if (!builtIn(doc)) {
          continue;
        }
        checked++;
        for (String problem : problems(validator.validate(schemaView(doc)))) {
          problems.add(variant.getKey() + ": " + Yaml.kind(doc) + " " + Yaml.name(doc) + problem);
        }
      }
    }
    assertTrue(checked > 40, "only " + checked + " resources were checked");
    assertEquals(List.of(), problems);
  }

  @Test
  void theSchemaCheckRejectsAMisspeltFieldAndAWrongType() {
    JsonNode deployment =
        Yaml.documents(
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: broken}
                spec:
                  selector: {matchLabels: {app: broken}}
                  template:
                    metadata: {labels: {app: broken}}
                    spec:
                      containers:
                        - name: broken
                          image: broken
                          ports: [{containerPort: http}]
                          livenessProbes: {}
                """)
            .get(0);
    String problems = String.join("\n", problems(validator.validate(deployment)));
    assertTrue(problems.contains("livenessProbes"), problems);
    assertTrue(problems.contains("containerPort"), problems);
  }

  private static List<String> problems(ValidationReport report) {
    List<String> problems = new ArrayList<>();
    for (ValidationMessage message : report.getMessages()) {
      if (message.getLevel() == ValidationMessage.Level.ERROR
          && !INT_OR_STRING_FALSE_ALARM.matcher(message.getMessage()).matches()) {
        problems.add(": " + message.getMessage());
      }
    }
    return problems;
  }

  private static String apiVersionAndKind(JsonNode doc) {
    return doc.path("apiVersion").asText() + " " + Yaml.kind(doc);
  }

  /**
   * The document as the validator finds its schema: it looks up a kind of the group
   * networking.k8s.io under io.k8s.networking instead of io.k8s.api.networking, so such groups are
   * shortened to their first word (networking/v1), which it resolves.
   */
  private static JsonNode schemaView(JsonNode doc) {
    String apiVersion = doc.path("apiVersion").asText();
    int slash = apiVersion.indexOf('/');
    if (slash < 0 || !apiVersion.substring(0, slash).endsWith(".k8s.io")) {
      return doc;
    }
    ObjectNode copy = doc.deepCopy();
    copy.put(
        "apiVersion",
        apiVersion.substring(0, apiVersion.indexOf('.')) + apiVersion.substring(slash));
    return copy;
  }

  /**
   * True when the validator has a schema for the document's kind: it then refuses a field that no
   * kind has. (It passes kinds it does not know without a word.)
   */
  private static boolean builtIn(JsonNode doc) {
    return builtInKinds.computeIfAbsent(
        apiVersionAndKind(doc),
        kind -> {
          ObjectNode probe = Yaml.object();
          probe.set("apiVersion", schemaView(doc).path("apiVersion"));
          probe.set("kind", doc.path("kind"));
          probe.putObject("metadata").put("name", "probe");
          probe.put("agentryNoSuchField", 1);
          return validator.validate(probe).getMessages().stream()
              .anyMatch(message -> message.getMessage().contains("agentryNoSuchField"));
        });
  }
}
