package io.agentry.deploy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads YAML (every document of a file) into Jackson trees, refusing duplicate keys. */
final class Yaml {

  static final ObjectMapper MAPPER =
      new ObjectMapper(new YAMLFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));

  private Yaml() {}

  /** Every non-empty document of the file, in order. */
  static List<JsonNode> documents(Path file) {
    try {
      return documents(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  static List<JsonNode> documents(String text) {
    List<JsonNode> documents = new ArrayList<>();
    // One tree per document; readValues() would unwrap a document that is a list.
    try (JsonParser parser = MAPPER.getFactory().createParser(text)) {
      while (parser.nextToken() != null) {
        JsonNode document = MAPPER.readTree(parser);
        if (document != null && !document.isNull() && !document.isMissingNode()) {
          documents.add(document);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return documents;
  }

  /** The text at a path of field names, when every step exists and the end is a scalar. */
  static Optional<String> text(JsonNode node, String... path) {
    JsonNode current = node;
    for (String step : path) {
      current = current.path(step);
    }
    return current.isValueNode() ? Optional.of(current.asText()) : Optional.empty();
  }

  /** The elements of an array node, none when it is absent. */
  static List<JsonNode> list(JsonNode node) {
    List<JsonNode> items = new ArrayList<>();
    if (node != null && node.isArray()) {
      node.forEach(items::add);
    }
    return items;
  }

  /** The fields of an object node as (name, value) pairs, none when it is absent. */
  static List<Map.Entry<String, JsonNode>> fields(JsonNode node) {
    List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
    if (node != null && node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      it.forEachRemaining(fields::add);
    }
    return fields;
  }

  static String kind(JsonNode document) {
    return document.path("kind").asText("");
  }

  static String name(JsonNode document) {
    return document.path("metadata").path("name").asText("");
  }

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static ArrayNode array() {
    return MAPPER.createArrayNode();
  }
}
