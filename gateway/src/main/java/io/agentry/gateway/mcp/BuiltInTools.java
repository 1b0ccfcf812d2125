package io.agentry.gateway.mcp;

import io.agentry.wire.TaskLimits;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;

/** The MCP server's own tools: their names, descriptions and argument schemas. */
final class BuiltInTools {

  static final String SEARCH = "search_agents";
  static final String RUN = "run_agent";

  /** The most agents one search answers. */
  static final int MAX_SEARCH_RESULTS = 50;

  static final int DEFAULT_SEARCH_RESULTS = 10;

  private BuiltInTools() {}

  /** The arguments a toolbox tool without an input schema takes. */
  static final Map<String, Object> INPUT_AND_ARGS =
      Map.of(
          "type",
          "object",
          "properties",
          Map.of(
              "input",
              Map.of("type", "string", "description", "The agent's stdin, as text (at most 1 MiB)"),
              "args",
              Map.of(
                  "type",
                  "array",
                  "items",
                  Map.of("type", "string"),
                  "maxItems",
                  TaskLimits.MAX_ARGS,
                  "description",
                  "Command-line arguments after the agent's name")),
          "additionalProperties",
          false);

  static final McpSchema.Tool SEARCH_TOOL =
      McpSchema.Tool.builder()
          .name(SEARCH)
          .title("Search the Agentry marketplace")
          .description(
              "Finds agents in the Agentry marketplace by words in their name, description and"
                  + " capabilities. Answers each agent's reference (owner/name), version,"
                  + " description, rating and price; run one with run_agent.")
          .inputSchema(
              Map.of(
                  "type",
                  "object",
                  "properties",
                  Map.of(
                      "query",
                      Map.of("type", "string", "minLength", 1, "description", "Words to look for"),
                      "capability",
                      Map.of(
                          "type",
                          "string",
                          "description",
                          "Only agents with this capability, e.g. text:summarize"),
                      "limit",
                      Map.of(
                          "type",
                          "integer",
                          "minimum",
                          1,
                          "maximum",
                          MAX_SEARCH_RESULTS,
                          "default",
                          DEFAULT_SEARCH_RESULTS)),
                  "required",
                  List.of("query"),
                  "additionalProperties",
                  false))
          .annotations(new McpSchema.ToolAnnotations(null, true, false, true, true, null))
          .build();

  static final McpSchema.Tool RUN_TOOL =
      McpSchema.Tool.builder()
          .name(RUN)
          .title("Run an Agentry agent")
          .description(
              "Runs an agent of the Agentry marketplace in its sandbox and answers its stdout. The"
                  + " run is a task of your account (its limits, quotas, usage and price apply)."
                  + " agent is owner/name, owner/name@version or the agent's id.")
          .inputSchema(
              Map.of(
                  "type",
                  "object",
                  "properties",
                  Map.of(
                      "agent",
                      Map.of(
                          "type",
                          "string",
                          "description",
                          "owner/name, owner/name@version or the agent's id"),
                      "input",
                      Map.of("type", "string", "description", "The agent's stdin (at most 1 MiB)"),
                      "args",
                      Map.of(
                          "type",
                          "array",
                          "items",
                          Map.of("type", "string"),
                          "maxItems",
                          TaskLimits.MAX_ARGS),
                      "timeoutMs",
                      Map.of(
                          "type",
                          "integer",
                          "minimum",
                          TaskLimits.MIN_TIMEOUT_MS,
                          "maximum",
                          TaskLimits.MAX_TIMEOUT_MS,
                          "default",
                          TaskLimits.DEFAULT_TIMEOUT_MS),
                      "maxMemoryMb",
                      Map.of(
                          "type",
                          "integer",
                          "minimum",
                          TaskLimits.MIN_MEMORY_MB,
                          "maximum",
                          TaskLimits.MAX_MEMORY_MB,
                          "default",
                          TaskLimits.DEFAULT_MEMORY_MB)),
                  "required",
                  List.of("agent"),
                  "additionalProperties",
                  false))
          .annotations(new McpSchema.ToolAnnotations(null, false, false, false, true, null))
          .build();
}
