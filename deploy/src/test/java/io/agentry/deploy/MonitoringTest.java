package io.agentry.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The alerts name metrics, consumer groups, topics and workloads that exist. */
class MonitoringTest {

  private static final Pattern AGENTRY_METRIC = Pattern.compile("\\bagentry_[a-z0-9_]+");
  private static final Pattern LABEL =
      Pattern.compile("\\b(consumergroup|topic|deployment|container)=~?\"([^\"]+)\"");

  @Test
  void agentryMetricsInTheAlertsAreRegisteredByTheServices() {
    Set<String> registered = new TreeSet<>();
    ServiceModule.all().forEach(service -> registered.addAll(service.prometheusMetrics()));
    Set<String> used = new TreeSet<>();
    for (String expr : expressions()) {
      Matcher metric = AGENTRY_METRIC.matcher(expr);
      while (metric.find()) {
        used.add(metric.group());
      }
    }
    assertFalse(used.isEmpty(), "no alert reads an Agentry metric");
    used.removeAll(registered);
    assertEquals(Set.of(), used, "metrics no service registers (it registers " + registered + ")");
  }

  @Test
  void groupsTopicsAndWorkloadsInTheAlertsAreTheServicesOwn() {
    Set<String> groups = new TreeSet<>();
    for (ServiceModule service : ServiceModule.all()) {
      service.properties().stringPropertyNames().stream()
          .filter(key -> key.matches("mp\\.messaging\\.incoming\\.[^.]+\\.group\\.id"))
          .forEach(key -> groups.add(service.property(key)));
    }
    Set<String> topics = KafkaTopicsTest.kafkaTopics().keySet();
    List<String> unknown = new ArrayList<>();
    for (String expr : expressions()) {
      Matcher label = LABEL.matcher(expr);
      while (label.find()) {
        for (String value : label.group(2).split("\\|")) {
          Set<String> known =
              switch (label.group(1)) {
                case "consumergroup" -> groups;
                case "topic" -> topics;
                default -> Set.copyOf(DeployTree.SERVICES);
              };
          if (!known.contains(value)) {
            unknown.add(label.group(1) + "=" + value);
          }
        }
      }
    }
    assertEquals(List.of(), unknown);
  }

  @Test
  void thePodMonitorScrapesTheMetricsPathOnTheManagementPort() {
    JsonNode podMonitor =
        Yaml.documents(DeployTree.kubernetesDir().resolve("components/monitoring/podmonitor.yaml"))
            .get(0);
    List<JsonNode> endpoints = Yaml.list(podMonitor.path("spec").path("podMetricsEndpoints"));
    assertEquals(1, endpoints.size());
    assertEquals("management", endpoints.get(0).path("port").asText());
    assertEquals("/q/metrics", endpoints.get(0).path("path").asText());
    assertEquals(
        "agentry",
        Yaml.text(podMonitor, "spec", "selector", "matchLabels", "app.kubernetes.io/part-of")
            .orElse(""));
  }

  /** The alert names of the PrometheusRule. */
  static List<String> alertNames() {
    List<String> names = new ArrayList<>();
    for (JsonNode group : Yaml.list(rule().path("spec").path("groups"))) {
      for (JsonNode alert : Yaml.list(group.path("rules"))) {
        names.add(alert.path("alert").asText());
      }
    }
    return names;
  }

  private static List<String> expressions() {
    List<String> expressions = new ArrayList<>();
    for (JsonNode group : Yaml.list(rule().path("spec").path("groups"))) {
      for (JsonNode alert : Yaml.list(group.path("rules"))) {
        expressions.add(alert.path("expr").asText());
      }
    }
    return expressions;
  }

  private static JsonNode rule() {
    return Yaml.documents(
            DeployTree.kubernetesDir().resolve("components/monitoring/prometheusrule.yaml"))
        .get(0);
  }
}
