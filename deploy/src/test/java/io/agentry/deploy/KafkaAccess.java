package io.agentry.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kafka operations a service performs, read from its channels, and those a KafkaUser's ACLs
 * allow, both as {@code "<Operation> <type> <literal name or prefix*>"}.
 */
final class KafkaAccess {

  private static final Pattern CHANNEL =
      Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.topic");
  private static final Pattern PREFIX_CONSTANT =
      Pattern.compile("String PREFIX\\s*=\\s*\"([^\"]+)\"");

  private KafkaAccess() {}

  /**
   * What the service's channels do: Write on each topic it produces to, Read on each topic it
   * consumes and on the consumer group of each (a prefix where the group id ends in a value set at
   * start, such as {@code gateway-${quarkus.uuid}}, or set in code).
   */
  static Set<String> needed(ServiceModule service) {
    Set<String> needed = new TreeSet<>();
    for (String key : service.properties().stringPropertyNames()) {
      Matcher channel = CHANNEL.matcher(key);
      if (!channel.matches()) {
        continue;
      }
      String topic = service.property(key);
      if (channel.group(1).equals("outgoing")) {
        needed.add("Write topic " + topic);
        continue;
      }
      needed.add("Read topic " + topic);
      String group =
          service
              .properties()
              .getProperty("mp.messaging.incoming." + channel.group(2) + ".group.id");
      needed.add("Read group " + (group == null ? groupSetInCode(service) : asPattern(group)));
    }
    return needed;
  }

  /** What the KafkaUser's ACLs allow; Read and Write imply Describe, as in Kafka. */
  static Set<String> allowed(JsonNode kafkaUser) {
    Set<String> allowed = new TreeSet<>();
    for (JsonNode acl : Yaml.list(kafkaUser.path("spec").path("authorization").path("acls"))) {
      JsonNode resource = acl.path("resource");
      String name = resource.path("name").asText();
      if (resource.path("patternType").asText("literal").equals("prefix")) {
        name += "*";
      }
      if (!acl.path("host").asText("*").equals("*")) {
        throw new AssertionError("host-restricted ACLs are not checked here: " + acl);
      }
      for (JsonNode operation : Yaml.list(acl.path("operations"))) {
        allowed.add(operation.asText() + " " + resource.path("type").asText() + " " + name);
      }
    }
    return allowed;
  }

  /** True when an allowed operation covers the needed one (a prefix covers every name under it). */
  static boolean covers(Set<String> allowed, String needed) {
    for (String rule : allowed) {
      if (rule.equals(needed)) {
        return true;
      }
      if (rule.endsWith("*") && !needed.endsWith("*")) {
        String prefix = rule.substring(0, rule.length() - 1);
        if (needed.startsWith(prefix)) {
          return true;
        }
      }
    }
    return false;
  }

  /** A group id with a part set at start ({@code ${...}}) is a prefix pattern. */
  static String asPattern(String groupId) {
    int expression = groupId.indexOf("${");
    return expression < 0 ? groupId : groupId.substring(0, expression) + "*";
  }

  /**
   * The executor's control channel names its group in code ({@code config/ControlGroup}): an
   * executor id after {@code ControlGroup.PREFIX}.
   */
  private static String groupSetInCode(ServiceModule service) {
    Path source = service.sources().resolve("io/agentry/executor/config/ControlGroup.java");
    if (!Files.isRegularFile(source)) {
      throw new AssertionError(service.name() + ": a consumer channel without a group.id");
    }
    try {
      Matcher prefix = PREFIX_CONSTANT.matcher(Files.readString(source));
      if (!prefix.find()) {
        throw new AssertionError("ControlGroup names no PREFIX");
      }
      return prefix.group(1) + "*";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
