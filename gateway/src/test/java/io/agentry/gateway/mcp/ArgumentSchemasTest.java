package io.agentry.gateway.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A toolbox tool's arguments against its agent's input schema, hostile patterns included. */
class ArgumentSchemasTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ArgumentSchemas schemas = new ArgumentSchemas();

  @Test
  void argumentsThatConformHaveNoViolation() throws Exception {
    JsonNode schema =
        JSON.readTree(
            "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\",\"minimum\":1}},"
                + "\"required\":[\"n\"]}");
    assertEquals(List.of(), schemas.violations(schema, JSON.readTree("{\"n\":3}")));
  }

  @Test
  void everyViolationIsNamedWithWhereItIs() throws Exception {
    JsonNode schema =
        JSON.readTree(
            "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\",\"minimum\":1},"
                + "\"s\":{\"type\":\"string\",\"maxLength\":2}},\"required\":[\"n\"],"
                + "\"additionalProperties\":false}");
    List<String> violations =
        schemas.violations(schema, JSON.readTree("{\"s\":\"long\",\"x\":true}"));
    assertEquals(3, violations.size(), violations.toString());
    assertTrue(violations.stream().anyMatch(v -> v.contains("n")), violations.toString());
    assertTrue(
        violations.stream().anyMatch(v -> v.startsWith("arguments/s:")), violations.toString());
    assertTrue(violations.stream().anyMatch(v -> v.contains("x")), violations.toString());
  }

  @Test
  void aPatternWithCatastrophicBacktrackingIsStoppedAndReported() throws Exception {
    JsonNode schema =
        JSON.readTree(
            "{\"type\":\"object\",\"properties\":{\"s\":{\"type\":\"string\","
                + "\"pattern\":\"^(.*a){12}b$\"}}}");
    JsonNode hostile = JSON.createObjectNode().put("s", "a".repeat(40));
    long started = System.nanoTime();
    List<String> violations = schemas.violations(schema, hostile);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertEquals(1, violations.size(), violations.toString());
    assertTrue(violations.get(0).contains("took too long"), violations.toString());
    // Without the budget this match runs for minutes (java.util.regex backtracks); with it, 50 ms
    // plus the schema's compilation (the bound is loose so that a loaded machine cannot fail it).
    assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, took.toString());
    // The same schema still serves an honest caller.
    JsonNode honest = JSON.createObjectNode().put("s", "a".repeat(12) + "b");
    assertEquals(List.of(), schemas.violations(schema, honest));
  }
}
