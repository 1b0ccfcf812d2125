package io.agentry.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.agentry.client.Json;
import java.io.PrintStream;
import picocli.CommandLine.Option;

/**
 * {@code --json} and {@code -o json|text}, on every command that prints data. JSON output is the
 * API's own objects (docs/contract.md), so its field names are as stable as the API's.
 */
final class OutputOptions {

  /** The formats of {@code -o}. */
  enum Format {
    text,
    json
  }

  @Option(names = "--json", description = "Print JSON (the API's objects) instead of text.")
  boolean json;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "text (the default) or json.")
  Format format;

  boolean isJson() {
    return json || format == Format.json;
  }

  /** Prints {@code value} as indented JSON. */
  static void printJson(PrintStream out, Object value) {
    out.println(json(value, true));
  }

  /** {@code value} as JSON text, on one line unless {@code indented}. */
  static String json(Object value, boolean indented) {
    try {
      return indented
          ? Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value)
          : Json.MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
