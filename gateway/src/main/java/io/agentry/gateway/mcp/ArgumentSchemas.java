package io.agentry.gateway.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import com.networknt.schema.regex.RegularExpression;
import io.agentry.gateway.ExpiringCache;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a toolbox tool's arguments against its agent's {@code inputSchema} (which the registry
 * validated at upload: a draft 2020-12 schema that refers only inside itself). Nothing is fetched,
 * and the schema's patterns cannot hold the gateway: each match gets a time budget (a hostile
 * pattern with catastrophic backtracking is stopped and counts as a violation).
 */
final class ArgumentSchemas {

  /** How long one pattern may take to match one value. */
  static final Duration PATTERN_BUDGET = Duration.ofMillis(50);

  private static final int MAX_REPORTED = 20;

  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          builder ->
              builder
                  .schemaLoader(loader -> loader.fetchRemoteResources(false))
                  .schemaRegistryConfig(
                      SchemaRegistryConfig.builder()
                          .pathType(PathType.JSON_POINTER)
                          .regularExpressionFactory(ArgumentSchemas::boundedPattern)
                          .build()));

  /** Compiled schemas by their text, kept a while: an agent's schema is not compiled per call. */
  private static final Duration KEEP_COMPILED = Duration.ofMinutes(10);

  private final Clock clock = Clock.systemUTC();
  private final ExpiringCache<String, Schema> compiled = new ExpiringCache<>(1000, clock);

  /** The violations of {@code arguments}, each "where: what"; empty when they conform. */
  List<String> violations(JsonNode schema, JsonNode arguments) {
    String text = schema.toString();
    Schema compiledSchema = compiled.get(text);
    if (compiledSchema == null) {
      try {
        compiledSchema = REGISTRY.getSchema(schema);
      } catch (SchemaException e) {
        return List.of("the agent's input schema cannot be used: " + e.getMessage());
      }
      compiled.put(text, compiledSchema, clock.instant().plus(KEEP_COMPILED));
    }
    List<Error> errors;
    try {
      errors = compiledSchema.validate(arguments);
    } catch (PatternTooSlowException e) {
      return List.of(e.getMessage());
    }
    return errors.stream()
        .limit(MAX_REPORTED)
        .map(
            error -> {
              String at = error.getInstanceLocation().toString();
              return (at.isEmpty() ? "arguments" : "arguments" + at) + ": " + error.getMessage();
            })
        .toList();
  }

  private static RegularExpression boundedPattern(String regex) {
    Pattern pattern = Pattern.compile(regex);
    return value -> {
      long deadline = System.nanoTime() + PATTERN_BUDGET.toNanos();
      try {
        return pattern.matcher(new Bounded(value, deadline, regex)).find();
      } catch (StackOverflowError e) {
        throw new PatternTooSlowException(regex);
      }
    };
  }

  /** A string whose characters can be read only until a deadline: ends a runaway regex match. */
  private record Bounded(String text, long deadline, String regex) implements CharSequence {
    @Override
    public int length() {
      return text.length();
    }

    @Override
    public char charAt(int index) {
      if (System.nanoTime() - deadline > 0) {
        throw new PatternTooSlowException(regex);
      }
      return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new Bounded(text.substring(start, end), deadline, regex);
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /** A pattern of the schema took longer than its budget on the arguments. */
  static final class PatternTooSlowException extends RuntimeException {
    PatternTooSlowException(String regex) {
      super(
          "the pattern "
              + (regex.length() > 64 ? regex.substring(0, 64) + "..." : regex)
              + " of the agent's input schema took too long on the arguments",
          null,
          false,
          false);
    }
  }
}
