package io.agentry.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Who may tell a service a client's address, what the Ingress routes, and which S3 credentials each
 * service holds.
 */
class TrustBoundariesTest {

  /** The paths the Ingress routes to the gateway: the public API (the UI and MCP will join). */
  static final List<String> PUBLIC_PATHS = List.of("/api/v1");

  private static final String TRUSTED_PROXIES = "QUARKUS_HTTP_PROXY_TRUSTED_PROXIES";
  private static final Pattern SERVICE_DNS_NAME =
      Pattern.compile("([a-z0-9-]+)\\.([a-z0-9-]+)\\.svc\\.cluster\\.local");
  private static final Pattern ADDRESS_OR_CIDR = Pattern.compile("[0-9.:a-fA-F]+(/\\d+)?");

  @Test
  void theRegistryTrustsForwardedAddressesFromTheGatewaysPodsAlone() {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, List<ObjectNode>> variant : Variants.all().entrySet()) {
      ObjectNode registry =
          Variants.find(variant.getValue(), "Deployment", "registry-service").orElseThrow();
      JsonNode container = Variants.serviceContainer(registry);
      String namespace = registry.path("metadata").path("namespace").asText("any-namespace");
      String trusted = Pods.environment(container, variant.getValue()).get(TRUSTED_PROXIES);
      if (trusted == null) {
        problems.add(variant.getKey() + ": the registry keeps its loopback default");
        continue;
      }
      for (String proxy : trusted.split(",")) {
        String expanded = Pods.expanded(proxy.trim(), container, namespace);
        Matcher name = SERVICE_DNS_NAME.matcher(expanded);
        if (!name.matches() || !name.group(2).equals(namespace)) {
          problems.add(variant.getKey() + ": the registry trusts " + expanded);
          continue;
        }
        JsonNode service = Variants.find(variant.getValue(), "Service", name.group(1)).orElse(null);
        if (service == null
            || !service.path("spec").path("clusterIP").asText().equals("None")
            || !selectsOnlyTheGateway(service.path("spec"), variant.getValue())) {
          problems.add(
              variant.getKey() + ": " + name.group(1) + " is no headless Service of the gateway");
        }
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void withComposeTheRegistryTrustsForwardedAddressesFromTheGatewayContainerAlone() {
    JsonNode services = DeployTree.compose().path("services");
    assertTrue(services.has("gateway"));
    assertEquals(
        "gateway",
        services.path("registry-service").path("environment").path(TRUSTED_PROXIES).asText());
  }

  @Test
  void behindTheIngressTheGatewayTrustsForwardedAddressesOnlyFromTheIngressController() {
    int checked = 0;
    for (Map.Entry<String, List<ObjectNode>> variant : Variants.all().entrySet()) {
      Map<String, String> env =
          Pods.environment(
              Variants.serviceContainer(
                  Variants.find(variant.getValue(), "Deployment", "gateway").orElseThrow()),
              variant.getValue());
      boolean forwarding = "true".equals(env.get("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING"));
      boolean behindIngress = !Variants.ofKind(variant.getValue(), "Ingress").isEmpty();
      assertEquals(behindIngress, forwarding, variant.getKey() + ": forwarding");
      if (!behindIngress) {
        continue;
      }
      checked++;
      String trusted = env.getOrDefault(TRUSTED_PROXIES, "");
      for (String proxy : trusted.split(",")) {
        assertTrue(ADDRESS_OR_CIDR.matcher(proxy.trim()).matches(), "trusted proxy " + proxy);
      }
      List<String> sources = new ArrayList<>();
      for (ObjectNode policy : Variants.ofKind(variant.getValue(), "NetworkPolicy")) {
        JsonNode gateway =
            Variants.find(variant.getValue(), "Deployment", "gateway")
                .orElseThrow()
                .path("spec")
                .path("template");
        if (!ServiceDeploymentsTest.selects(policy.path("spec").path("podSelector"), gateway)) {
          continue;
        }
        for (JsonNode rule : Yaml.list(policy.path("spec").path("ingress"))) {
          boolean httpPort =
              Yaml.list(rule.path("ports")).stream()
                  .anyMatch(port -> port.path("port").asText().equals("http"));
          if (httpPort) {
            List<JsonNode> from = Yaml.list(rule.path("from"));
            if (from.isEmpty()) {
              sources.add("anyone");
            }
            from.forEach(
                peer ->
                    sources.add(
                        Yaml.text(
                                    peer,
                                    "namespaceSelector",
                                    "matchLabels",
                                    "kubernetes.io/metadata.name")
                                .orElse("?")
                            + "/"
                            + Yaml.text(
                                    peer, "podSelector", "matchLabels", "app.kubernetes.io/name")
                                .orElse("?")));
          }
        }
      }
      assertEquals(List.of("ingress-nginx/ingress-nginx"), sources, variant.getKey());
    }
    assertTrue(checked > 0, "no variant with an Ingress");
  }

  @Test
  void theIngressRoutesOnlyThePublicPaths() {
    int checked = 0;
    for (Map.Entry<String, List<ObjectNode>> variant : Variants.all().entrySet()) {
      for (ObjectNode ingress : Variants.ofKind(variant.getValue(), "Ingress")) {
        List<String> paths = new ArrayList<>();
        for (JsonNode rule : Yaml.list(ingress.path("spec").path("rules"))) {
          for (JsonNode path : Yaml.list(rule.path("http").path("paths"))) {
            paths.add(path.path("path").asText());
            assertEquals("Prefix", path.path("pathType").asText());
          }
        }
        assertEquals(PUBLIC_PATHS, paths, variant.getKey());
        assertFalse(paths.stream().anyMatch(path -> "/q/metrics".startsWith(path)));
        checked++;
      }
    }
    assertTrue(checked > 0, "no Ingress");
  }

  @Test
  void theExecutorsHoldReadOnlyS3CredentialsOfTheirOwn() {
    ServiceDeploymentsTest.assertNoProblems(
        (context, problems) -> {
          String key =
              KafkaPrincipalsTest.secretKey(
                  context.container(), "QUARKUS_S3_AWS_CREDENTIALS_STATIC_PROVIDER_ACCESS_KEY_ID");
          if (key == null) {
            return;
          }
          String secret = key.substring(0, key.indexOf('/'));
          String expected =
              context.service().name().equals("executor-service")
                  ? "agentry-s3-read-only"
                  : "agentry-s3";
          if (!secret.equals(expected)) {
            problems.add("S3 credentials from " + secret + ", not " + expected);
          }
        });
  }

  @Test
  void theExampleStoresReadOnlyUserMayOnlyGetAndListTheBinaries() {
    JsonNode job =
        Yaml.documents(DeployTree.kubernetesDir().resolve("infra/minio/bucket-job.yaml")).get(0);
    JsonNode container = job.path("spec").path("template").path("spec").path("containers").get(0);
    String policy = "";
    Set<String> secrets = new TreeSet<>();
    for (JsonNode variable : Yaml.list(container.path("env"))) {
      if (variable.path("name").asText().equals("READ_ONLY_POLICY")) {
        policy = variable.path("value").asText();
      }
      Yaml.text(variable, "valueFrom", "secretKeyRef", "name").ifPresent(secrets::add);
    }
    JsonNode statements;
    try {
      statements = Yaml.MAPPER.readTree(policy).path("Statement");
    } catch (java.io.IOException e) {
      throw new AssertionError("READ_ONLY_POLICY is not JSON: " + policy, e);
    }
    Set<String> actions = new TreeSet<>();
    for (JsonNode statement : statements) {
      assertEquals("Allow", statement.path("Effect").asText());
      statement.path("Action").forEach(action -> actions.add(action.asText()));
      statement
          .path("Resource")
          .forEach(
              resource ->
                  assertTrue(
                      resource.asText().startsWith("arn:aws:s3:::agentry-binaries"),
                      resource.asText()));
    }
    assertEquals(Set.of("s3:GetObject", "s3:ListBucket"), actions);
    assertTrue(secrets.contains("agentry-s3-read-only"), "the read-only user is not created");
    String script = container.path("args").toString();
    assertTrue(script.contains("mc admin policy attach store agentry-binaries-read"), script);
  }

  private static boolean selectsOnlyTheGateway(JsonNode serviceSpec, List<ObjectNode> variant) {
    Set<String> selected = new TreeSet<>();
    for (ObjectNode deployment : Variants.serviceDeployments(variant)) {
      if (ServiceDeploymentsTest.selects(serviceSpec, deployment.path("spec").path("template"))) {
        selected.add(Yaml.name(deployment));
      }
    }
    return selected.equals(Set.of("gateway"));
  }
}
