package io.agentry.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Only the gateway is reachable from outside the namespace; everything else is internal. */
class NetworkExposureTest {

  private static final String GATEWAY = "gateway";

  @Test
  void onlyTheGatewayAcceptsTrafficFromOutsideTheNamespace() {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, List<ObjectNode>> variant : Variants.all().entrySet()) {
      for (ObjectNode policy : Variants.ofKind(variant.getValue(), "NetworkPolicy")) {
        for (JsonNode rule : Yaml.list(policy.path("spec").path("ingress"))) {
          if (!fromOutside(rule)) {
            continue;
          }
          for (ObjectNode deployment : Variants.serviceDeployments(variant.getValue())) {
            boolean selected =
                ServiceDeploymentsTest.selects(
                    policy.path("spec").path("podSelector"),
                    deployment.path("spec").path("template"));
            if (selected && !Yaml.name(deployment).equals(GATEWAY)) {
              problems.add(
                  variant.getKey()
                      + ": "
                      + Yaml.name(policy)
                      + " lets outside traffic reach "
                      + Yaml.name(deployment));
            }
          }
        }
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void everyServicePodIsDeniedAnyTrafficNotAllowedExplicitly() {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, List<ObjectNode>> variant : Variants.all().entrySet()) {
      for (ObjectNode deployment : Variants.serviceDeployments(variant.getValue())) {
        boolean denied =
            Variants.ofKind(variant.getValue(), "NetworkPolicy").stream()
                .filter(
                    policy ->
                        policy.path("spec").path("policyTypes").toString().contains("Ingress"))
                .filter(policy -> Yaml.list(policy.path("spec").path("ingress")).isEmpty())
                .anyMatch(
                    policy ->
                        ServiceDeploymentsTest.selects(
                            policy.path("spec").path("podSelector"),
                            deployment.path("spec").path("template")));
        if (!denied) {
          problems.add(variant.getKey() + ": " + Yaml.name(deployment) + " has no default deny");
        }
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void onlyTheGatewayIsExposedByAServiceTypeOrAnIngress() {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, List<ObjectNode>> variant : Variants.all().entrySet()) {
      for (ObjectNode service : Variants.ofKind(variant.getValue(), "Service")) {
        String type = Yaml.text(service, "spec", "type").orElse("ClusterIP");
        if (!type.equals("ClusterIP") && !Yaml.name(service).equals(GATEWAY)) {
          problems.add(variant.getKey() + ": Service " + Yaml.name(service) + " is " + type);
        }
      }
      for (ObjectNode ingress : Variants.ofKind(variant.getValue(), "Ingress")) {
        for (JsonNode rule : Yaml.list(ingress.path("spec").path("rules"))) {
          for (JsonNode path : Yaml.list(rule.path("http").path("paths"))) {
            String backend = path.path("backend").path("service").path("name").asText();
            if (!backend.equals(GATEWAY)) {
              problems.add(variant.getKey() + ": Ingress " + Yaml.name(ingress) + " -> " + backend);
            }
          }
        }
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void noKubernetesServiceLeadsToTheExecutors() {
    for (Map.Entry<String, List<ObjectNode>> variant : Variants.all().entrySet()) {
      ObjectNode executor =
          Variants.find(variant.getValue(), "Deployment", "executor-service").orElseThrow();
      for (ObjectNode service : Variants.ofKind(variant.getValue(), "Service")) {
        assertFalse(
            ServiceDeploymentsTest.selects(
                service.path("spec"), executor.path("spec").path("template")),
            variant.getKey() + ": Service " + Yaml.name(service));
      }
    }
  }

  @Test
  void composePublishesOnlyTheGatewayPort() {
    List<String> published = new ArrayList<>();
    for (Map.Entry<String, JsonNode> service : Yaml.fields(DeployTree.compose().path("services"))) {
      for (JsonNode port : Yaml.list(service.getValue().path("ports"))) {
        published.add(service.getKey() + " " + port.asText().replaceAll(".*:", ""));
      }
    }
    assertEquals(List.of(GATEWAY + " " + ServiceModule.of(GATEWAY).httpPort()), published);
  }

  /**
   * True when the rule admits sources outside the namespace: any source (no from), an IP block, or
   * another namespace, except Prometheus' namespace "monitoring" on the management port.
   */
  private static boolean fromOutside(JsonNode rule) {
    List<JsonNode> sources = Yaml.list(rule.path("from"));
    if (sources.isEmpty()) {
      return true;
    }
    for (JsonNode source : sources) {
      if (source.has("ipBlock")) {
        return true;
      }
      if (source.has("namespaceSelector")) {
        String namespace =
            Yaml.text(source, "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name")
                .orElse("");
        boolean metricsOnly =
            Yaml.list(rule.path("ports")).stream()
                .allMatch(port -> port.path("port").asText().equals("management"));
        if (!namespace.equals("monitoring") || !metricsOnly) {
          return true;
        }
      }
    }
    return false;
  }
}
