package io.agentry.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Reads typed fields from one JSON object without coercion: a number written as a string, a
 * fraction where an integer belongs, or a null where a value is required is an error.
 */
final class FieldReader {
  private static final String STATUS_NAMES =
      Arrays.stream(TaskStatus.values()).map(Enum::name).collect(Collectors.joining(", "));

  private final ObjectNode object;
  private final String prefix;
  private final RecordIds ids;

  FieldReader(ObjectNode object, String prefix, RecordIds ids) {
    this.object = object;
    this.prefix = prefix;
    this.ids = ids;
  }

  WireFormatException fail(String reason) {
    return ids.failure(reason);
  }

  /** Checked before anything else, because another version may legitimately have other fields. */
  void specVersion() {
    JsonNode value = required("specVersion");
    if (!value.isIntegralNumber()) {
      throw fail("field 'specVersion' must be an integer, was " + describe(value));
    }
    if (!value.canConvertToLong() || value.longValue() != TaskLimits.SPEC_VERSION) {
      throw fail(Checks.unsupportedVersion(value.asText()));
    }
  }

  void rejectUnknown(Set<String> known) {
    for (Map.Entry<String, JsonNode> entry : object.properties()) {
      String name = entry.getKey();
      if (!known.contains(name)) {
        throw fail("unknown field '" + prefix + name + "'");
      }
    }
  }

  long longValue(String name, long min, long max) {
    return integer(name, required(name), min, max);
  }

  int intValue(String name, int min, int max) {
    return (int) integer(name, required(name), min, max);
  }

  Integer optionalInt(String name, int min, int max) {
    JsonNode value = optional(name);
    return value == null ? null : (int) integer(name, value, min, max);
  }

  Long optionalLong(String name, long min, long max) {
    JsonNode value = optional(name);
    return value == null ? null : integer(name, value, min, max);
  }

  boolean booleanValue(String name) {
    JsonNode value = required(name);
    if (!value.isBoolean()) {
      throw fail("field '" + path(name) + "' must be true or false, was " + describe(value));
    }
    return value.booleanValue();
  }

  String optionalString(String name) {
    JsonNode value = optional(name);
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      throw fail("field '" + path(name) + "' must be a string, was " + describe(value));
    }
    return value.textValue();
  }

  UUID uuid(String name) {
    return uuid(name, required(name));
  }

  UUID optionalUuid(String name) {
    JsonNode value = optional(name);
    return value == null ? null : uuid(name, value);
  }

  Instant instant(String name) {
    JsonNode value = required(name);
    String problem =
        "field '"
            + path(name)
            + "' must be an ISO-8601 UTC timestamp such as \"2025-01-31T12:00:00Z\", was "
            + describe(value);
    if (!value.isTextual() || !value.textValue().endsWith("Z")) {
      throw fail(problem);
    }
    Instant instant;
    try {
      instant = Instant.parse(value.textValue());
    } catch (DateTimeParseException e) {
      throw fail(problem);
    }
    try {
      return Checks.timestamp(path(name), instant);
    } catch (IllegalArgumentException e) {
      throw fail(Checks.timestampRangeMessage(path(name), describe(value)));
    }
  }

  /** Standard alphabet with padding; the decoded size is checked before decoding. */
  byte[] base64(String name, int maxBytes) {
    JsonNode value = required(name);
    if (!value.isTextual()) {
      throw fail("field '" + path(name) + "' must be a base64 string, was " + describe(value));
    }
    String text = value.textValue();
    String notBase64 =
        "field '" + path(name) + "' is not valid base64 (standard alphabet, with padding)";
    int length = text.length();
    if (length % 4 != 0) {
      throw fail(notBase64);
    }
    int padding = 0;
    if (length > 0 && text.charAt(length - 1) == '=') {
      padding = text.charAt(length - 2) == '=' ? 2 : 1;
    }
    try {
      Checks.maxBytes(path(name), (long) length / 4 * 3 - padding, maxBytes);
    } catch (IllegalArgumentException e) {
      throw fail(e.getMessage());
    }
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw fail(notBase64);
    }
  }

  List<String> stringList(String name) {
    JsonNode value = required(name);
    if (!value.isArray()) {
      throw fail("field '" + path(name) + "' must be an array of strings, was " + describe(value));
    }
    List<String> strings = new ArrayList<>(value.size());
    for (int i = 0; i < value.size(); i++) {
      JsonNode element = value.get(i);
      if (!element.isTextual()) {
        throw fail(
            "field '" + path(name) + "[" + i + "]' must be a string, was " + describe(element));
      }
      strings.add(element.textValue());
    }
    return strings;
  }

  /** Keeps the record's order. */
  Map<String, String> stringMap(String name) {
    JsonNode value = required(name);
    if (!value.isObject()) {
      throw fail("field '" + path(name) + "' must be an object of strings, was " + describe(value));
    }
    Map<String, String> strings = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : value.properties()) {
      if (!entry.getValue().isTextual()) {
        throw fail(
            Checks.envValueSubject(entry.getKey())
                + " must be a string, was "
                + describe(entry.getValue()));
      }
      strings.put(entry.getKey(), entry.getValue().textValue());
    }
    return strings;
  }

  TaskStatus status(String name) {
    JsonNode value = required(name);
    if (value.isTextual()) {
      for (TaskStatus status : TaskStatus.values()) {
        if (status.name().equals(value.textValue())) {
          return status;
        }
      }
    }
    throw fail(
        "field '" + path(name) + "' must be one of " + STATUS_NAMES + ", was " + describe(value));
  }

  /** A reader for a nested object, or null when the field is absent or null. */
  FieldReader optionalObject(String name) {
    JsonNode value = optional(name);
    if (value == null) {
      return null;
    }
    if (!value.isObject()) {
      throw fail("field '" + path(name) + "' must be an object, was " + describe(value));
    }
    return new FieldReader((ObjectNode) value, path(name) + ".", ids);
  }

  /** How a value appears in a reason: strings quoted and shortened, containers by kind. */
  static String describe(JsonNode value) {
    if (value.isTextual()) {
      return Checks.preview(value.textValue());
    }
    if (value.isArray()) {
      return "an array";
    }
    if (value.isObject()) {
      return "an object";
    }
    return value.asText();
  }

  private long integer(String name, JsonNode value, long min, long max) {
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw fail(Checks.rangeMessage(path(name), min, max, describe(value)));
    }
    long number = value.longValue();
    if (number < min || number > max) {
      throw fail(Checks.rangeMessage(path(name), min, max, Long.toString(number)));
    }
    return number;
  }

  private UUID uuid(String name, JsonNode value) {
    UUID id = value.isTextual() ? Checks.canonicalUuid(value.textValue()) : null;
    if (id == null) {
      throw fail(
          "field '"
              + path(name)
              + "' must be a UUID string in 8-4-4-4-12 hex form, was "
              + describe(value));
    }
    return id;
  }

  private JsonNode required(String name) {
    JsonNode value = object.get(name);
    if (value == null) {
      throw fail("missing field '" + path(name) + "'");
    }
    return value;
  }

  private JsonNode optional(String name) {
    JsonNode value = object.get(name);
    return value == null || value.isNull() ? null : value;
  }

  private String path(String name) {
    return prefix + name;
  }
}
