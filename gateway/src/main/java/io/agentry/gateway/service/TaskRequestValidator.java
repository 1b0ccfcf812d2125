package io.agentry.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.gateway.problem.FieldError;
import io.agentry.gateway.problem.GatewayException;
import io.agentry.gateway.problem.ProblemType;
import io.agentry.wire.TaskLimits;
import io.agentry.wire.TaskRules;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Checks a {@code POST /tasks} body: the shape of its JSON here, the values by {@link TaskRules};
 * every problem is reported at once as 400 {@code invalid-task} with one {@code {field, message}}
 * per problem; an input over 1 MiB is 413 {@code input-too-large}.
 */
public final class TaskRequestValidator {

  private static final Set<String> FIELDS =
      Set.of("agentId", "input", "inputBase64", "args", "env", "timeoutMs", "maxMemoryMb");
  private static final Pattern UUID_TEXT =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final List<FieldError> errors = new ArrayList<>();

  private TaskRequestValidator() {}

  /** The validated request; throws {@link GatewayException} when the body breaks a rule. */
  public static TaskRequest validate(JsonNode body) {
    return new TaskRequestValidator().check(body);
  }

  private TaskRequest check(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw invalid(List.of(new FieldError("", "the body must be a JSON object")));
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        errors.add(new FieldError(name, "unknown field"));
      }
    }
    UUID agentId = agentId(body.get("agentId"));
    byte[] input = input(body.get("input"), body.get("inputBase64"));
    List<String> args = args(body.get("args"));
    Map<String, String> env = env(body.get("env"));
    int timeoutMs =
        integer(body.get("timeoutMs"), TaskRules.TIMEOUT_MS, TaskLimits.DEFAULT_TIMEOUT_MS);
    int maxMemoryMb =
        integer(body.get("maxMemoryMb"), TaskRules.MAX_MEMORY_MB, TaskLimits.DEFAULT_MEMORY_MB);
    if (!errors.isEmpty()) {
      throw invalid(errors);
    }
    if (input.length > TaskLimits.MAX_INPUT_BYTES) {
      throw new GatewayException(
          ProblemType.INPUT_TOO_LARGE,
          "The input is "
              + input.length
              + " bytes; at most "
              + TaskLimits.MAX_INPUT_BYTES
              + " are allowed.");
    }
    return new TaskRequest(agentId, input, args, env, timeoutMs, maxMemoryMb);
  }

  private UUID agentId(JsonNode node) {
    if (node == null || node.isNull()) {
      errors.add(new FieldError("agentId", "is required"));
      return null;
    }
    if (!node.isTextual() || !UUID_TEXT.matcher(node.asText()).matches()) {
      errors.add(new FieldError("agentId", "must be a UUID"));
      return null;
    }
    return UUID.fromString(node.asText());
  }

  private byte[] input(JsonNode text, JsonNode base64) {
    boolean hasText = text != null && !text.isNull();
    boolean hasBase64 = base64 != null && !base64.isNull();
    if (hasText && hasBase64) {
      errors.add(new FieldError("inputBase64", "give at most one of input and inputBase64"));
      return new byte[0];
    }
    if (hasText) {
      if (!text.isTextual()) {
        errors.add(new FieldError("input", "must be a string"));
        return new byte[0];
      }
      return text.asText().getBytes(StandardCharsets.UTF_8);
    }
    if (hasBase64) {
      if (!base64.isTextual()) {
        errors.add(new FieldError("inputBase64", "must be a string of base64"));
        return new byte[0];
      }
      try {
        return Base64.getDecoder().decode(base64.asText());
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("inputBase64", "is not valid base64"));
      }
    }
    return new byte[0];
  }

  private List<String> args(JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      errors.add(new FieldError("args", "must be an array of strings"));
      return List.of();
    }
    if (report(TaskRules.argCount(node.size()))) {
      return List.of();
    }
    List<String> args = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode arg = node.get(i);
      if (!arg.isTextual()) {
        errors.add(new FieldError("args[" + i + "]", "must be a string"));
      } else if (!report(TaskRules.arg(i, arg.asText()))) {
        args.add(arg.asText());
      }
    }
    return args;
  }

  private Map<String, String> env(JsonNode node) {
    if (node == null || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      errors.add(new FieldError("env", "must be an object of strings"));
      return Map.of();
    }
    if (report(TaskRules.envCount(node.size()))) {
      return Map.of();
    }
    Map<String, String> env = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      String key = entry.getKey();
      JsonNode value = entry.getValue();
      if (report(TaskRules.envKey(key))) {
        continue;
      }
      if (!value.isTextual()) {
        errors.add(new FieldError("env." + key, "must be a string"));
      } else if (!report(TaskRules.envValue(key, value.asText()))) {
        env.put(key, value.asText());
      }
    }
    return env;
  }

  /** Adds {@code violation} to the errors; true when there was one. */
  private boolean report(Optional<TaskRules.Violation> violation) {
    violation.ifPresent(found -> errors.add(new FieldError(found.field(), found.problem())));
    return violation.isPresent();
  }

  private int integer(JsonNode node, TaskRules.Range range, int fallback) {
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      errors.add(new FieldError(range.field(), "must be " + range.describe()));
      return fallback;
    }
    return report(range.check(node.intValue())) ? fallback : node.intValue();
  }

  /**
   * Refuses (400 {@code invalid-task}) a request whose env names one of the agent's secrets: the
   * agent's owner sets those, and a caller may neither replace nor probe one.
   */
  public static void refuseSecretNames(TaskRequest request, Set<String> secretNames) {
    List<FieldError> named =
        TaskRules.envSecrets(request.env(), secretNames).stream()
            .map(violation -> new FieldError(violation.field(), violation.problem()))
            .toList();
    if (!named.isEmpty()) {
      throw invalid(named);
    }
  }

  private static GatewayException invalid(List<FieldError> errors) {
    return new GatewayException(
        ProblemType.INVALID_TASK, "The task breaks " + errors.size() + " rule(s).", errors);
  }
}
