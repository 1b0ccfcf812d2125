package io.agentry.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The executors run code from strangers: the cluster lets them reach their own dependencies and
 * public addresses, never a private, loopback, link-local (cloud metadata) address or another
 * service.
 */
class ExecutorEgressTest {

  private static final String EXECUTOR = "executor-service";

  /** Addresses the executor refuses itself (the sandbox's Destinations), one per kind. */
  private static final List<String> PRIVATE =
      List.of(
          "10.1.2.3",
          "172.20.0.1",
          "192.168.1.1",
          "127.0.0.1",
          "169.254.169.254",
          "100.64.0.1",
          "0.0.0.0",
          "::1",
          "fd00::1",
          "fe80::1",
          "::ffff:10.0.0.1");

  /** Public addresses an agent with the permission may call. */
  private static final List<String> PUBLIC = List.of("93.184.215.14", "2606:4700::1111");

  /** The only services an executor talks to, as its pods' name labels. */
  private static final Set<String> DEPENDENCIES = Set.of("registry-service");

  @Test
  void everyExecutorPodIsUnderAnEgressPolicy() {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, List<ObjectNode>> variant : Variants.all().entrySet()) {
      if (egressPolicies(variant.getValue()).isEmpty()) {
        problems.add(variant.getKey() + ": the executors' egress is not restricted");
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void noExecutorEgressRuleAdmitsAPrivateOrMetadataAddress() throws UnknownHostException {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, List<ObjectNode>> variant : Variants.all().entrySet()) {
      for (JsonNode rule : egressRules(variant.getValue())) {
        List<JsonNode> destinations = Yaml.list(rule.path("to"));
        if (destinations.isEmpty()) {
          problems.add(variant.getKey() + ": a rule without destinations admits everything");
        }
        for (JsonNode destination : destinations) {
          for (String address : PRIVATE) {
            if (admits(destination.path("ipBlock"), address)) {
              problems.add(variant.getKey() + ": " + address + " is reachable");
            }
          }
        }
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void publicAddressesStayReachableForAgentsThatMayCallOut() throws UnknownHostException {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, List<ObjectNode>> variant : Variants.all().entrySet()) {
      for (String address : PUBLIC) {
        boolean reachable = false;
        for (JsonNode rule : egressRules(variant.getValue())) {
          for (JsonNode destination : Yaml.list(rule.path("to"))) {
            reachable |= admits(destination.path("ipBlock"), address);
          }
        }
        if (!reachable) {
          problems.add(variant.getKey() + ": " + address + " is unreachable");
        }
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void insideTheClusterExecutorsReachOnlyTheirDependencies() {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, List<ObjectNode>> variant : Variants.all().entrySet()) {
      for (JsonNode rule : egressRules(variant.getValue())) {
        for (JsonNode destination : Yaml.list(rule.path("to"))) {
          if (destination.has("ipBlock")) {
            continue;
          }
          if (!destination.has("podSelector")) {
            problems.add(variant.getKey() + ": a rule admits whole namespaces: " + destination);
            continue;
          }
          for (ObjectNode deployment : Variants.serviceDeployments(variant.getValue())) {
            String name = Yaml.name(deployment);
            boolean selected =
                ServiceDeploymentsTest.selects(
                    destination.path("podSelector"), deployment.path("spec").path("template"));
            if (selected && !DEPENDENCIES.contains(name)) {
              problems.add(variant.getKey() + ": executors may reach " + name);
            }
          }
        }
      }
    }
    assertEquals(List.of(), problems);
  }

  private static List<ObjectNode> egressPolicies(List<ObjectNode> variant) {
    ObjectNode executor = Variants.find(variant, "Deployment", EXECUTOR).orElseThrow();
    return Variants.ofKind(variant, "NetworkPolicy").stream()
        .filter(policy -> policy.path("spec").path("policyTypes").toString().contains("Egress"))
        .filter(
            policy ->
                ServiceDeploymentsTest.selects(
                    policy.path("spec").path("podSelector"),
                    executor.path("spec").path("template")))
        .toList();
  }

  private static List<JsonNode> egressRules(List<ObjectNode> variant) {
    List<JsonNode> rules = new ArrayList<>();
    for (ObjectNode policy : egressPolicies(variant)) {
      rules.addAll(Yaml.list(policy.path("spec").path("egress")));
    }
    return rules;
  }

  /** True when the ipBlock's cidr holds the address and none of its excepts does. */
  private static boolean admits(JsonNode ipBlock, String address) throws UnknownHostException {
    if (ipBlock.isMissingNode()) {
      return false;
    }
    byte[] bytes = InetAddress.getByName(address).getAddress();
    if (bytes.length == 4 && address.contains(":")) {
      // An IPv4-mapped IPv6 address: Java hands back the IPv4 form; the IPv6 rules decide.
      bytes = mapped(bytes);
    }
    if (!contains(ipBlock.path("cidr").asText(), bytes)) {
      return false;
    }
    for (JsonNode except : Yaml.list(ipBlock.path("except"))) {
      if (contains(except.asText(), bytes)) {
        return false;
      }
    }
    return true;
  }

  private static boolean contains(String cidr, byte[] address) throws UnknownHostException {
    int slash = cidr.indexOf('/');
    byte[] network = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
    if (network.length == 4 && cidr.contains(":")) {
      network = mapped(network);
    }
    if (network.length != address.length) {
      return false;
    }
    int prefix = Integer.parseInt(cidr.substring(slash + 1));
    for (int bit = 0; bit < prefix; bit++) {
      int mask = 0x80 >> (bit % 8);
      if ((network[bit / 8] & mask) != (address[bit / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  private static byte[] mapped(byte[] ipv4) {
    byte[] ipv6 = new byte[16];
    ipv6[10] = (byte) 0xFF;
    ipv6[11] = (byte) 0xFF;
    System.arraycopy(ipv4, 0, ipv6, 12, 4);
    return ipv6;
  }
}
