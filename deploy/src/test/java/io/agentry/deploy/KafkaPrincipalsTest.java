package io.agentry.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Kafka is closed: one authenticated TLS listener, a principal per service whose ACLs allow exactly
 * what the service's channels do, the services configured as those principals, and the brokers
 * reachable only from the platform's pods.
 */
class KafkaPrincipalsTest {

  private static final String CA_SECRET = "agentry-cluster-ca-cert";

  @Test
  void everyServiceMayDoWhatItsChannelsDoAndNothingMore() {
    List<String> problems = new ArrayList<>();
    for (ServiceModule service : ServiceModule.all()) {
      problems.addAll(aclProblems(service, kafkaUser(principal(service.name()))));
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void aWriteTheAclsDoNotAllowIsReported() {
    ServiceModule registry = ServiceModule.of("registry-service");
    Properties properties = new Properties();
    properties.putAll(registry.properties());
    properties.put("mp.messaging.outgoing.forged.topic", "agent-tasks");
    ServiceModule writingRegistry =
        new ServiceModule(registry.name(), properties, registry.configKeys(), registry.sources());
    List<String> problems = aclProblems(writingRegistry, kafkaUser(principal(registry.name())));
    assertEquals(
        List.of("registry-service: its ACLs do not allow Write topic agent-tasks"), problems);
  }

  @Test
  void theGatewaysConsumersAreCheckedWithTheirGroups() {
    ServiceModule gateway = ServiceModule.of("gateway");
    Set<String> needed = KafkaAccess.needed(gateway);
    assertTrue(needed.contains("Read topic task-events"), needed.toString());
    assertTrue(needed.contains("Read group gateway-quotas"), needed.toString());
    assertTrue(needed.contains("Read group gateway-*"), needed.toString());
    ObjectNode withoutGroups = kafkaUser(principal("gateway")).deepCopy();
    ((com.fasterxml.jackson.databind.node.ArrayNode)
            withoutGroups.path("spec").path("authorization").path("acls"))
        .removeIf(acl -> acl.path("resource").path("type").asText().equals("group"));
    assertTrue(
        aclProblems(gateway, withoutGroups)
            .contains("gateway: its ACLs do not allow Read group gateway-quotas"));
  }

  @Test
  void everyServiceConnectsAsItsPrincipalOverTls() {
    ServiceDeploymentsTest.assertNoProblems(
        (context, problems) -> {
          Map<String, String> env = context.environment();
          expect(env, "KAFKA_SECURITY_PROTOCOL", "SASL_SSL", problems);
          expect(env, "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512", problems);
          expect(env, "KAFKA_SSL_TRUSTSTORE_TYPE", "PEM", problems);
          String bootstrap = env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "");
          if (!bootstrap.endsWith(":" + listenerPort())) {
            problems.add("KAFKA_BOOTSTRAP_SERVERS " + bootstrap + " is not the TLS listener");
          }
          String jaas = secretKey(context.container(), "KAFKA_SASL_JAAS_CONFIG");
          String expected = principal(context.service().name()) + "/sasl.jaas.config";
          if (!expected.equals(jaas)) {
            problems.add("KAFKA_SASL_JAAS_CONFIG comes from " + jaas + ", not " + expected);
          }
          String truststore = env.getOrDefault("KAFKA_SSL_TRUSTSTORE_LOCATION", "");
          if (!mountedFromSecret(context, truststore, CA_SECRET)) {
            problems.add("the truststore " + truststore + " is not the mounted " + CA_SECRET);
          }
        });
  }

  @Test
  void everyVariantThatRunsKafkaDeclaresTheServicesPrincipals() {
    for (Map.Entry<String, List<ObjectNode>> variant : Variants.all().entrySet()) {
      if (variant.getKey().startsWith("overlays/")) {
        for (String service : DeployTree.SERVICES) {
          assertTrue(
              Variants.find(variant.getValue(), "KafkaUser", principal(service)).isPresent(),
              variant.getKey() + " lacks the KafkaUser of " + service);
        }
      }
    }
  }

  @Test
  void theBrokersAcceptOnlyAuthenticatedClientsWithAuthorization() {
    for (JsonNode kafka : kafkaClusters()) {
      JsonNode spec = kafka.path("spec").path("kafka");
      assertEquals("simple", spec.path("authorization").path("type").asText());
      List<JsonNode> listeners = Yaml.list(spec.path("listeners"));
      assertFalse(listeners.isEmpty());
      for (JsonNode listener : listeners) {
        assertTrue(listener.path("tls").asBoolean(), "a listener without TLS: " + listener);
        assertEquals(
            "scram-sha-512",
            listener.path("authentication").path("type").asText(),
            "a listener without authentication: " + listener);
      }
    }
  }

  @Test
  void onlyThePlatformsPodsAndKedaReachTheBrokers() {
    List<String> problems = new ArrayList<>();
    for (JsonNode kafka : kafkaClusters()) {
      for (JsonNode listener : Yaml.list(kafka.path("spec").path("kafka").path("listeners"))) {
        List<JsonNode> peers = Yaml.list(listener.path("networkPolicyPeers"));
        if (peers.isEmpty()) {
          problems.add(listener.path("name").asText() + " admits every pod of the cluster");
        }
        for (JsonNode peer : peers) {
          boolean platform =
              Yaml.text(peer, "podSelector", "matchLabels", "app.kubernetes.io/part-of")
                  .orElse("")
                  .equals("agentry");
          boolean keda =
              Yaml.text(peer, "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name")
                      .orElse("")
                      .equals("keda")
                  && Yaml.text(peer, "podSelector", "matchLabels", "app")
                      .orElse("")
                      .equals("keda-operator");
          if (!platform && !keda) {
            problems.add(listener.path("name").asText() + " admits " + peer);
          }
        }
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void productionsKafkaManagesTheUsersWhereTheServicesRun() {
    List<ObjectNode> prodKafka =
        Kustomize.render(DeployTree.kubernetesDir().resolve("overlays/prod/kafka"));
    JsonNode kafka = Variants.ofKind(prodKafka, "Kafka").get(0);
    String servicesNamespace =
        Kustomize.kustomization(DeployTree.kubernetesDir().resolve("overlays/prod"))
            .path("namespace")
            .asText();
    assertEquals(
        servicesNamespace,
        kafka
            .path("spec")
            .path("entityOperator")
            .path("userOperator")
            .path("watchedNamespace")
            .asText());
    String kafkaNamespace = kafka.path("metadata").path("namespace").asText();
    assertTrue(
        Variants.all().get("overlays/prod").stream()
            .filter(doc -> Yaml.kind(doc).equals("ConfigMap"))
            .map(doc -> doc.path("data").path("KAFKA_BOOTSTRAP_SERVERS").asText())
            .filter(address -> !address.isEmpty())
            .allMatch(address -> address.contains("." + kafkaNamespace + ".svc:")),
        "the prod services do not reach the Kafka of namespace " + kafkaNamespace);
    for (JsonNode listener : Yaml.list(kafka.path("spec").path("kafka").path("listeners"))) {
      for (JsonNode peer : Yaml.list(listener.path("networkPolicyPeers"))) {
        assertTrue(peer.has("namespaceSelector"), "a peer in the namespace kafka: " + peer);
      }
    }
  }

  static String principal(String service) {
    return "agentry-" + service;
  }

  private static List<String> aclProblems(ServiceModule service, JsonNode kafkaUser) {
    Set<String> needed = KafkaAccess.needed(service);
    Set<String> allowed = KafkaAccess.allowed(kafkaUser);
    List<String> problems = new ArrayList<>();
    for (String operation : needed) {
      if (!KafkaAccess.covers(allowed, operation)) {
        problems.add(service.name() + ": its ACLs do not allow " + operation);
      }
    }
    for (String rule : allowed) {
      if (needed.stream().noneMatch(operation -> KafkaAccess.covers(Set.of(rule), operation))) {
        problems.add(service.name() + ": its ACLs allow " + rule + ", which it never does");
      }
    }
    return problems;
  }

  private static ObjectNode kafkaUser(String name) {
    return Yaml.documents(DeployTree.kubernetesDir().resolve("infra/kafka-users/users.yaml"))
        .stream()
        .filter(doc -> Yaml.kind(doc).equals("KafkaUser") && Yaml.name(doc).equals(name))
        .map(ObjectNode.class::cast)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no KafkaUser " + name));
  }

  /** The example cluster as the dev overlay and as production's Kafka render it. */
  private static List<JsonNode> kafkaClusters() {
    List<JsonNode> clusters = new ArrayList<>();
    clusters.addAll(Variants.ofKind(Variants.all().get("overlays/dev"), "Kafka"));
    clusters.addAll(
        Variants.ofKind(
            Kustomize.render(DeployTree.kubernetesDir().resolve("overlays/prod/kafka")), "Kafka"));
    assertEquals(2, clusters.size());
    return clusters;
  }

  private static int listenerPort() {
    return Yaml.list(kafkaClusters().get(0).path("spec").path("kafka").path("listeners")).stream()
        .mapToInt(listener -> listener.path("port").asInt())
        .findFirst()
        .orElseThrow();
  }

  private static void expect(
      Map<String, String> env, String name, String value, List<String> problems) {
    if (!value.equals(env.get(name))) {
      problems.add(name + " is " + env.get(name) + ", not " + value);
    }
  }

  /** "secret/key" of a variable read from a Secret, or null. */
  static String secretKey(JsonNode container, String name) {
    for (JsonNode variable : Yaml.list(container.path("env"))) {
      JsonNode ref = variable.path("valueFrom").path("secretKeyRef");
      if (variable.path("name").asText().equals(name) && !ref.isMissingNode()) {
        return ref.path("name").asText() + "/" + ref.path("key").asText();
      }
    }
    return null;
  }

  /** True when the file lies in a volume mounted from the Secret (with that key as the file). */
  private static boolean mountedFromSecret(
      ServiceDeploymentsTest.Context context, String file, String secret) {
    Set<String> volumes = new TreeSet<>();
    for (JsonNode volume : Yaml.list(context.podSpec().path("volumes"))) {
      if (volume.path("secret").path("secretName").asText().equals(secret)) {
        volumes.add(volume.path("name").asText());
      }
    }
    for (JsonNode mount : Yaml.list(context.container().path("volumeMounts"))) {
      String dir = mount.path("mountPath").asText();
      if (volumes.contains(mount.path("name").asText()) && file.startsWith(dir + "/")) {
        return true;
      }
    }
    return false;
  }
}
