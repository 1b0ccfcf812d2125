package io.agentry.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a service's pod gets, resolved within one rendered variant. */
final class Pods {

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

  private Pods() {}

  /**
   * Every environment variable of the container with the value it has, or null when it comes from a
   * Secret: ConfigMaps named in envFrom first, then env (which wins, as in Kubernetes).
   */
  static Map<String, String> environment(JsonNode container, List<ObjectNode> variant) {
    Map<String, String> environment = new LinkedHashMap<>();
    for (JsonNode source : Yaml.list(container.path("envFrom"))) {
      if (source.has("secretRef")) {
        throw new AssertionError("envFrom a Secret hides which keys are set: use secretKeyRef");
      }
      String name = source.path("configMapRef").path("name").asText();
      ObjectNode configMap =
          Variants.find(variant, "ConfigMap", name)
              .orElseThrow(() -> new AssertionError("no ConfigMap " + name));
      Yaml.fields(configMap.path("data"))
          .forEach(field -> environment.put(field.getKey(), field.getValue().asText()));
    }
    for (JsonNode variable : Yaml.list(container.path("env"))) {
      environment.put(
          variable.path("name").asText(),
          variable.has("value") ? variable.path("value").asText() : null);
    }
    return environment;
  }

  /**
   * The variables that only feed other variables' {@code $(NAME)} references, from the Downward API
   * (the pod's namespace): Kubernetes expands them, the service never reads them as configuration.
   */
  static Set<String> expansionOnly(JsonNode container) {
    String values =
        Yaml.list(container.path("env")).stream()
            .map(variable -> variable.path("value").asText(""))
            .reduce("", String::concat);
    Set<String> names = new TreeSet<>();
    for (JsonNode variable : Yaml.list(container.path("env"))) {
      String name = variable.path("name").asText();
      if (variable.path("valueFrom").has("fieldRef") && values.contains("$(" + name + ")")) {
        names.add(name);
      }
    }
    return names;
  }

  /** The value of a variable with the {@code $(NAME)} references to Downward API ones resolved. */
  static String expanded(String value, JsonNode container, String namespace) {
    String result = value;
    for (JsonNode variable : Yaml.list(container.path("env"))) {
      String path = variable.path("valueFrom").path("fieldRef").path("fieldPath").asText();
      if (path.equals("metadata.namespace")) {
        result = result.replace("$(" + variable.path("name").asText() + ")", namespace);
      }
    }
    return result;
  }

  /** The container port a probe, Service or policy names, by number or by name. */
  static OptionalInt resolvePort(JsonNode port, JsonNode container) {
    if (port.isInt()) {
      return OptionalInt.of(port.asInt());
    }
    for (JsonNode declared : Yaml.list(container.path("ports"))) {
      if (declared.path("name").asText().equals(port.asText())) {
        return OptionalInt.of(declared.path("containerPort").asInt());
      }
    }
    return OptionalInt.empty();
  }

  /** "320s", "65s", "500ms", "5m" as a Duration. */
  static Duration duration(String text) {
    Matcher matcher = DURATION.matcher(text.trim());
    if (!matcher.matches()) {
      throw new IllegalArgumentException("not a duration: " + text);
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofHours(amount);
    };
  }

  /** Seconds a preStop hook of the form sleep N waits; 0 without one. */
  static long preStopSeconds(JsonNode container) {
    JsonNode preStop = container.path("lifecycle").path("preStop");
    if (preStop.isMissingNode()) {
      return 0;
    }
    List<JsonNode> command = Yaml.list(preStop.path("exec").path("command"));
    if (command.size() == 2 && command.get(0).asText().equals("sleep")) {
      return Long.parseLong(command.get(1).asText());
    }
    if (preStop.has("sleep")) {
      return preStop.path("sleep").path("seconds").asLong();
    }
    throw new AssertionError("a preStop hook other than a sleep: " + preStop);
  }

  /** Bytes of a Kubernetes memory quantity such as 2560Mi or 2Gi. */
  static long bytes(String quantity) {
    Matcher matcher = Pattern.compile("(\\d+)(Ki|Mi|Gi)?").matcher(quantity);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("unsupported memory quantity: " + quantity);
    }
    long amount = Long.parseLong(matcher.group(1));
    String unit = matcher.group(2) == null ? "" : matcher.group(2);
    return switch (unit) {
      case "Ki" -> amount << 10;
      case "Mi" -> amount << 20;
      case "Gi" -> amount << 30;
      default -> amount;
    };
  }
}
