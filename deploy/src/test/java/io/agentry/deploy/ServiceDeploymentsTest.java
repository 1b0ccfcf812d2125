package io.agentry.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Each service's Deployment, in every variant, against the service's own configuration. */
class ServiceDeploymentsTest {

  private static final Pattern CREDENTIAL =
      Pattern.compile(".*(PASSWORD|SECRET|ACCESS_KEY_ID|USERNAME|PRIVATE_KEY|JAAS)(_|$).*");

  @Test
  void everyVariantRunsTheFourServices() {
    for (Map.Entry<String, List<ObjectNode>> variant : Variants.all().entrySet()) {
      Set<String> deployed = new TreeSet<>();
      Variants.serviceDeployments(variant.getValue()).forEach(doc -> deployed.add(Yaml.name(doc)));
      assertEquals(new TreeSet<>(DeployTree.SERVICES), deployed, variant.getKey());
    }
  }

  @Test
  void theContainerPortIsTheServicesHttpPort() {
    assertNoProblems(
        (context, problems) -> {
          OptionalInt port = Pods.resolvePort(TextNode.valueOf("http"), context.container());
          if (port.isEmpty() || port.getAsInt() != context.service().httpPort()) {
            problems.add("port http is " + port + ", quarkus.http.port is " + context.httpPort());
          }
        });
  }

  @Test
  void theImagesServeHealthAndMetricsOnTheManagementPort() {
    assertEquals("true", BuildImages.property("quarkus.management.enabled"));
    assertNoProblems(
        (context, problems) -> {
          OptionalInt port = Pods.resolvePort(TextNode.valueOf("management"), context.container());
          if (!port.equals(OptionalInt.of(ServiceModule.MANAGEMENT_PORT))) {
            problems.add("port management is " + port + ", not " + ServiceModule.MANAGEMENT_PORT);
          }
        });
  }

  @Test
  void probesAskTheHealthEndpointsOnTheManagementPort() {
    Map<String, String> paths =
        Map.of(
            "readinessProbe", "/q/health/ready",
            "livenessProbe", "/q/health/live",
            "startupProbe", "/q/health/started");
    assertNoProblems(
        (context, problems) -> {
          for (String probe : List.of("readinessProbe", "livenessProbe")) {
            if (!context.container().has(probe)) {
              problems.add("no " + probe);
            }
          }
          for (Map.Entry<String, String> expected : paths.entrySet()) {
            if (!context.container().has(expected.getKey())) {
              continue;
            }
            JsonNode get = context.container().path(expected.getKey()).path("httpGet");
            boolean onManagementPort =
                Pods.resolvePort(get.path("port"), context.container())
                    .equals(OptionalInt.of(ServiceModule.MANAGEMENT_PORT));
            if (!get.path("path").asText().equals(expected.getValue()) || !onManagementPort) {
              problems.add(
                  expected.getKey() + " is not GET " + expected.getValue() + " on management");
            }
          }
        });
  }

  @Test
  void everyEnvironmentVariableSetsAKeyTheServiceDefines() {
    assertNoProblems(
        (context, problems) -> {
          Set<String> expansionOnly = Pods.expansionOnly(context.container());
          for (String name : context.environment().keySet()) {
            if (!context.service().acceptsEnv(name) && !expansionOnly.contains(name)) {
              problems.add(name + " sets no key of " + context.service().name());
            }
          }
        });
  }

  @Test
  void everyLocalDefaultOfTheServiceIsReplaced() {
    assertNoProblems(
        (context, problems) -> {
          for (String key : context.service().localOnlyKeys()) {
            if (!context.environment().containsKey(ServiceModule.envName(key))) {
              problems.add(
                  ServiceModule.envName(key)
                      + " is not set: "
                      + key
                      + " would keep its local value");
            }
          }
        });
  }

  @Test
  void credentialsComeFromSecretsReferencedByKey() {
    assertNoProblems(
        (context, problems) -> {
          for (JsonNode variable : Yaml.list(context.container().path("env"))) {
            String name = variable.path("name").asText();
            boolean fromSecret = variable.path("valueFrom").has("secretKeyRef");
            if (CREDENTIAL.matcher(name).matches() && !fromSecret && !name.endsWith("_LOCATION")) {
              problems.add(name + " is not read from a Secret");
            }
          }
          context.environment().entrySet().stream()
              .filter(variable -> CREDENTIAL.matcher(variable.getKey()).matches())
              .filter(variable -> !variable.getKey().endsWith("_LOCATION"))
              .filter(variable -> variable.getValue() != null)
              .forEach(variable -> problems.add(variable.getKey() + " has a literal value"));
        });
  }

  @Test
  void theImageIsNamedAfterTheServicesApplicationName() {
    assertNoProblems(
        (context, problems) -> {
          String image = context.container().path("image").asText();
          String repository = image.substring(0, image.lastIndexOf(':'));
          String name = repository.substring(repository.lastIndexOf('/') + 1);
          if (!name.equals(context.service().applicationName())) {
            problems.add("image " + image + " is not named " + context.service().applicationName());
          }
        });
  }

  @Test
  void podsRunAsTheImageUserWithAReadOnlyRootFilesystem() {
    int user = BuildImages.user();
    assertNoProblems(
        (context, problems) -> {
          JsonNode pod = context.podSpec().path("securityContext");
          JsonNode container = context.container().path("securityContext");
          if (!pod.path("runAsNonRoot").asBoolean() || pod.path("runAsUser").asInt() != user) {
            problems.add("the pod does not run as the non-root user " + user);
          }
          if (!container.path("readOnlyRootFilesystem").asBoolean()
              || container.path("allowPrivilegeEscalation").asBoolean(true)
              || !container.path("capabilities").path("drop").toString().contains("\"ALL\"")) {
            problems.add("the container is not read-only, unprivileged, without capabilities");
          }
          boolean tmpIsWritable =
              Yaml.list(context.container().path("volumeMounts")).stream()
                  .anyMatch(mount -> mount.path("mountPath").asText().equals("/tmp"));
          if (!tmpIsWritable) {
            problems.add("no volume at /tmp, which the JVM and Vert.x write to");
          }
        });
  }

  @Test
  void metricsAnnotationsPointAtTheMetricsPathOnTheManagementPort() {
    assertNoProblems(
        (context, problems) -> {
          JsonNode annotations = context.pod().path("metadata").path("annotations");
          if (!annotations.path("prometheus.io/path").asText().equals("/q/metrics")
              || !annotations
                  .path("prometheus.io/port")
                  .asText()
                  .equals(String.valueOf(ServiceModule.MANAGEMENT_PORT))) {
            problems.add("the prometheus.io annotations do not name /q/metrics on management");
          }
        });
  }

  @Test
  void terminationGraceCoversThePreStopPauseAndTheShutdownTimeout() {
    assertNoProblems(
        (context, problems) -> {
          String timeout = context.environment().get("QUARKUS_SHUTDOWN_TIMEOUT");
          if (timeout == null) {
            problems.add("QUARKUS_SHUTDOWN_TIMEOUT is not set: in-flight work would be cut");
            return;
          }
          Duration needed =
              Pods.duration(timeout).plusSeconds(Pods.preStopSeconds(context.container()));
          long grace = context.podSpec().path("terminationGracePeriodSeconds").asLong(30);
          if (grace <= needed.toSeconds()) {
            problems.add("grace " + grace + " s does not exceed preStop + shutdown " + needed);
          }
        });
  }

  @Test
  void everyServiceHasADisruptionBudgetForItsPods() {
    assertNoProblems(
        (context, problems) -> {
          boolean covered =
              Variants.ofKind(context.variant(), "PodDisruptionBudget").stream()
                  .anyMatch(pdb -> selects(pdb.path("spec").path("selector"), context.pod()));
          if (!covered) {
            problems.add("no PodDisruptionBudget selects its pods");
          }
        });
  }

  @Test
  void everyServiceHasItsOwnServiceAccountWithoutAnApiToken() {
    assertNoProblems(
        (context, problems) -> {
          String account = context.podSpec().path("serviceAccountName").asText();
          boolean exists = Variants.find(context.variant(), "ServiceAccount", account).isPresent();
          if (!account.equals(context.service().name()) || !exists) {
            problems.add("service account '" + account + "' is not its own");
          }
          if (context.podSpec().path("automountServiceAccountToken").asBoolean(true)) {
            problems.add("mounts an API token it never uses");
          }
        });
  }

  @Test
  void kubernetesServicesSendTheirPortToTheServicesHttpPort() {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, List<ObjectNode>> variant : Variants.all().entrySet()) {
      for (ObjectNode service : Variants.ofKind(variant.getValue(), "Service")) {
        if (!DeployTree.SERVICES.contains(Yaml.name(service))) {
          continue;
        }
        ServiceModule module = ServiceModule.of(Yaml.name(service));
        ObjectNode deployment =
            Variants.find(variant.getValue(), "Deployment", module.name()).orElseThrow();
        JsonNode pod = deployment.path("spec").path("template");
        JsonNode container = Variants.serviceContainer(deployment);
        String where = variant.getKey() + ": Service " + module.name() + ": ";
        if (!selects(service.path("spec"), pod)) {
          problems.add(where + "its selector misses the pods");
        }
        for (JsonNode port : Yaml.list(service.path("spec").path("ports"))) {
          if (port.path("port").asInt() != module.httpPort()
              || !Pods.resolvePort(port.path("targetPort"), container)
                  .equals(OptionalInt.of(module.httpPort()))) {
            problems.add(where + "port " + port + " is not the http port " + module.httpPort());
          }
        }
      }
    }
    assertEquals(List.of(), problems);
  }

  /** True when the selector (a Service's, or a matchLabels holder) selects the pod template. */
  static boolean selects(JsonNode selectorHolder, JsonNode pod) {
    JsonNode selector =
        selectorHolder.has("matchLabels")
            ? selectorHolder.path("matchLabels")
            : selectorHolder.path("selector");
    JsonNode labels = pod.path("metadata").path("labels");
    List<Map.Entry<String, JsonNode>> required = Yaml.fields(selector);
    return !required.isEmpty()
        && required.stream()
            .allMatch(label -> labels.path(label.getKey()).equals(label.getValue()));
  }

  /** One service's Deployment in one variant, with what the checks need. */
  record Context(String variantName, List<ObjectNode> variant, ObjectNode deployment) {

    ServiceModule service() {
      return ServiceModule.of(Yaml.name(deployment));
    }

    int httpPort() {
      return service().httpPort();
    }

    JsonNode pod() {
      return deployment.path("spec").path("template");
    }

    JsonNode podSpec() {
      return pod().path("spec");
    }

    JsonNode container() {
      return Variants.serviceContainer(deployment);
    }

    Map<String, String> environment() {
      return Pods.environment(container(), variant);
    }
  }

  /** Runs the check on every service Deployment of every variant and reports all problems. */
  static void assertNoProblems(BiConsumer<Context, List<String>> check) {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, List<ObjectNode>> variant : Variants.all().entrySet()) {
      for (ObjectNode deployment : Variants.serviceDeployments(variant.getValue())) {
        Context context = new Context(variant.getKey(), variant.getValue(), deployment);
        List<String> found = new ArrayList<>();
        check.accept(context, found);
        found.forEach(
            problem ->
                problems.add(variant.getKey() + ": " + Yaml.name(deployment) + ": " + problem));
      }
    }
    assertEquals(List.of(), problems);
  }
}
