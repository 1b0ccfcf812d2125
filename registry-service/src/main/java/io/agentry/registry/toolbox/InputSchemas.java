package io.agentry.registry.toolbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.agentry.registry.problem.FieldError;
import io.agentry.registry.service.JsonFields;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The rules for an agent's {@code inputSchema}: a JSON object of at most 16 KiB (compact UTF-8)
 * that is a valid JSON Schema (draft 2020-12, checked against its meta-schema), describes an object
 * ({@code "type": "object"}, as MCP tool arguments are), and refers only inside itself ({@code
 * $ref} values start with {@code #}), so that nothing is ever fetched to use it. Pure: no I/O.
 */
public final class InputSchemas {

  /** The largest schema, in bytes of its compact JSON text. */
  public static final int MAX_BYTES = 16 * 1024;

  static final String FIELD = "inputSchema";

  private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";
  private static final int MAX_REPORTED = 10;
  private static final ObjectMapper COMPACT = new ObjectMapper();

  /** Knows the meta-schemas from its own classpath and never fetches anything. */
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false)));

  private static final Schema META_SCHEMA = REGISTRY.getSchema(SchemaLocation.of(DRAFT_2020_12));

  private InputSchemas() {}

  /**
   * Checks the {@code inputSchema} of an upload's metadata, reporting every problem into {@code
   * fields}; returns the compact JSON text to store, or null when absent or invalid.
   */
  public static String check(JsonNode schema, JsonFields fields) {
    if (schema == null) {
      return null;
    }
    List<FieldError> errors = new ArrayList<>();
    String text = check(schema, errors);
    errors.forEach(error -> fields.error(error.field(), error.message()));
    return errors.isEmpty() ? text : null;
  }

  private static String check(JsonNode schema, List<FieldError> errors) {
    if (!schema.isObject()) {
      errors.add(new FieldError(FIELD, "must be a JSON Schema object"));
      return null;
    }
    String text = compact(schema);
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_BYTES) {
      errors.add(
          new FieldError(
              FIELD, "is " + bytes + " bytes of JSON; at most " + MAX_BYTES + " are allowed"));
      return null;
    }
    JsonNode dialect = schema.get("$schema");
    if (dialect != null && !(dialect.isTextual() && dialect.asText().equals(DRAFT_2020_12))) {
      errors.add(
          new FieldError(FIELD + "/$schema", "must be \"" + DRAFT_2020_12 + "\" when given"));
    }
    JsonNode type = schema.get("type");
    if (type == null || !type.isTextual() || !type.asText().equals("object")) {
      errors.add(
          new FieldError(
              FIELD + "/type", "must be \"object\": a tool takes its arguments as an object"));
    }
    outsideReferences(schema, "", errors);
    List<Error> invalid = META_SCHEMA.validate(schema);
    for (Error error : invalid.subList(0, Math.min(invalid.size(), MAX_REPORTED))) {
      errors.add(new FieldError(FIELD + pointer(error), error.getMessage()));
    }
    if (errors.isEmpty()) {
      compiles(schema, errors);
    }
    return text;
  }

  private static void compiles(JsonNode schema, List<FieldError> errors) {
    try {
      // Compiling resolves every reference and keyword; validating once walks the whole schema.
      REGISTRY.getSchema(schema).validate(COMPACT.createObjectNode());
    } catch (SchemaException | IllegalArgumentException e) {
      errors.add(new FieldError(FIELD, "cannot be used as a schema: " + e.getMessage()));
    }
  }

  private static void outsideReferences(JsonNode node, String path, List<FieldError> errors) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> member = it.next();
        String key = member.getKey();
        JsonNode value = member.getValue();
        boolean reference = key.equals("$ref") || key.equals("$dynamicRef");
        if (reference && value.isTextual() && !value.asText().startsWith("#")) {
          errors.add(
              new FieldError(
                  FIELD + path + "/" + key,
                  "must refer inside the schema (start with '#'); nothing outside it is fetched"));
        } else if (key.equals("$id") && path.length() > 0) {
          errors.add(
              new FieldError(FIELD + path + "/$id", "is allowed only at the top of the schema"));
        }
        outsideReferences(value, path + "/" + key, errors);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        outsideReferences(node.get(i), path + "/" + i, errors);
      }
    }
  }

  private static String pointer(Error error) {
    // The location in the schema document as a JSON pointer ("" for the schema itself).
    String location = error.getInstanceLocation().toString();
    return location.startsWith("$") ? location.substring(1).replace('.', '/') : location;
  }

  private static String compact(JsonNode schema) {
    try {
      return COMPACT.writeValueAsString(schema);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed JSON tree could not be written", e);
    }
  }
}
