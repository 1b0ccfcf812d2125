package io.agentry.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.gateway.problem.FieldError;
import io.agentry.gateway.problem.GatewayException;
import io.agentry.gateway.problem.ProblemType;
import io.agentry.wire.TaskLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Checks a {@code POST /tasks} body against CONTRACT.md: every problem is reported at once as 400
 * {@code invalid-task} with one {@code {field, message}} per problem; an input over 1 MiB is 413
 * {@code input-too-large}.
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
        integer(
            body.get("timeoutMs"),
            "timeoutMs",
            TaskLimits.DEFAULT_TIMEOUT_MS,
            TaskLimits.MIN_TIMEOUT_MS,
            TaskLimits.MAX_TIMEOUT_MS);
    int maxMemoryMb =
        integer(
            body.get("maxMemoryMb"),
            "maxMemoryMb",
            TaskLimits.DEFAULT_MEMORY_MB,
            TaskLimits.MIN_MEMORY_MB,
            TaskLimits.MAX_MEMORY_MB);
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
    if (node.size() > TaskLimits.MAX_ARGS) {
      errors.add(new FieldError("args", "must have at most " + TaskLimits.MAX_ARGS + " entries"));
      return List.of();
    }
    List<String> args = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String arg = string(node.get(i), "args[" + i + "]");
      if (arg != null) {
        args.add(arg);
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
    if (node.size() > TaskLimits.MAX_ENV_ENTRIES) {
      errors.add(
          new FieldError("env", "must have at most " + TaskLimits.MAX_ENV_ENTRIES + " entries"));
      return Map.of();
    }
    Map<String, String> env = new LinkedHashMap<>();
    node.fields()
        .forEachRemaining(
            entry -> {
              String key = entry.getKey();
              String field = "env." + key;
              if (key.isEmpty() || key.indexOf('=') >= 0) {
                errors.add(new FieldError(field, "a name must be non-empty and free of '='"));
              } else if (checkText(key, field)) {
                String value = string(entry.getValue(), field);
                if (value != null) {
                  env.put(key, value);
                }
              }
            });
    return env;
  }

  private String string(JsonNode node, String field) {
    if (node == null || !node.isTextual()) {
      errors.add(new FieldError(field, "must be a string"));
      return null;
    }
    String value = node.asText();
    return checkText(value, field) ? value : null;
  }

  private boolean checkText(String value, String field) {
    if (value.indexOf('\0') >= 0) {
      errors.add(new FieldError(field, "must not contain a NUL character"));
      return false;
    }
    int bytes = utf8Length(value);
    if (bytes < 0) {
      errors.add(new FieldError(field, "contains an unpaired UTF-16 surrogate"));
      return false;
    }
    if (bytes > TaskLimits.MAX_STRING_BYTES) {
      errors.add(
          new FieldError(
              field, "must be at most " + TaskLimits.MAX_STRING_BYTES + " bytes of UTF-8"));
      return false;
    }
    return true;
  }

  private int integer(JsonNode node, String field, int fallback, int min, int max) {
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      errors.add(new FieldError(field, "must be an integer from " + min + " to " + max));
      return fallback;
    }
    int value = node.intValue();
    if (value < min || value > max) {
      errors.add(new FieldError(field, "must be an integer from " + min + " to " + max));
      return fallback;
    }
    return value;
  }

  private static int utf8Length(String text) {
    int bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        return -1;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  private static GatewayException invalid(List<FieldError> errors) {
    return new GatewayException(
        ProblemType.INVALID_TASK, "The task breaks " + errors.size() + " rule(s).", errors);
  }
}
