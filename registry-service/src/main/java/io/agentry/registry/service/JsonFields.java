package io.agentry.registry.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.registry.problem.FieldError;
import io.agentry.registry.problem.InvalidInputException;
import io.agentry.registry.problem.ProblemType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads the fields of a JSON object strictly (no coercion: {@code "5"} is not a number and {@code
 * 4.0} not an integer), collecting every problem so that one response names them all.
 */
public final class JsonFields {

  private final JsonNode object;
  private final ProblemType problem;
  private final List<FieldError> errors = new ArrayList<>();

  private JsonFields(JsonNode object, ProblemType problem) {
    this.object = object;
    this.problem = problem;
  }

  /** Starts reading {@code body}, which must be a JSON object; errors become {@code problem}. */
  public static JsonFields of(JsonNode body, ProblemType problem) {
    if (body == null || !body.isObject()) {
      throw new InvalidInputException(problem, "The body must be a JSON object.");
    }
    return new JsonFields(body, problem);
  }

  /** True when the field is present, even as {@code null}. */
  public boolean has(String field) {
    return object.has(field);
  }

  /** A string field; null when absent (an error when required) or not a string. */
  public String text(String field, boolean required) {
    JsonNode node = object.get(field);
    if (missing(field, node, required)) {
      return null;
    }
    if (!node.isTextual()) {
      error(field, "must be a string");
      return null;
    }
    return node.textValue();
  }

  /** An array of strings; null when absent or invalid. */
  public List<String> texts(String field) {
    JsonNode node = object.get(field);
    if (node == null) {
      return null;
    }
    if (!node.isArray()) {
      error(field, "must be an array of strings");
      return null;
    }
    List<String> values = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode item = node.get(i);
      if (!item.isTextual()) {
        error(field + "[" + i + "]", "must be a string");
      } else {
        values.add(item.textValue());
      }
    }
    return values.size() == node.size() ? values : null;
  }

  /** A JSON number as an exact decimal; null when absent or not a number. */
  public BigDecimal number(String field) {
    JsonNode node = object.get(field);
    if (node == null) {
      return null;
    }
    if (!node.isNumber()) {
      error(field, "must be a number");
      return null;
    }
    return node.decimalValue();
  }

  /** A JSON integer; null when absent (an error when required) or not an integer. */
  public Long integer(String field, boolean required) {
    JsonNode node = object.get(field);
    if (missing(field, node, required)) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      error(field, "must be an integer");
      return null;
    }
    return node.longValue();
  }

  private boolean missing(String field, JsonNode node, boolean required) {
    if (node == null) {
      if (required) {
        error(field, "is required");
      }
      return true;
    }
    if (node.isNull()) {
      error(field, "must not be null");
      return true;
    }
    return false;
  }

  /** Records an error for every field not in {@code allowed}. */
  public void rejectOthers(Set<String> allowed, String message) {
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        error(name, message);
      }
    }
  }

  public void error(String field, String message) {
    errors.add(new FieldError(field, message));
  }

  public boolean valid() {
    return errors.isEmpty();
  }

  /** Throws the collected errors, if any. */
  public void check() {
    if (!errors.isEmpty()) {
      String fields = String.join(", ", errors.stream().map(FieldError::field).distinct().toList());
      throw new InvalidInputException(problem, "Invalid fields: " + fields + ".", errors);
    }
  }
}
