package io.agentry.gateway.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentry.gateway.client.MarketplaceClient;
import io.agentry.gateway.problem.GatewayException;
import io.agentry.gateway.security.Caller;
import io.agentry.wire.TaskEvent;
import io.agentry.wire.TaskLimits;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;

/**
 * The tools of one caller: {@code search_agents}, {@code run_agent} and one per active agent of
 * their toolbox, always as the registry has them now. Every run goes through {@link TaskRuns}, that
 * is through {@code POST /tasks}' own submission path.
 */
@ApplicationScoped
public class McpTools {

  private static final Set<String> RUN_ARGUMENTS =
      Set.of("agent", "input", "args", "timeoutMs", "maxMemoryMb");
  private static final Set<String> SEARCH_ARGUMENTS = Set.of("query", "capability", "limit");
  private static final Set<String> PLAIN_TOOL_ARGUMENTS = Set.of("input", "args");

  private final MarketplaceClient marketplace;
  private final AgentReferences references;
  private final TaskRuns runs;
  private final ObjectMapper json;
  private final ArgumentSchemas schemas = new ArgumentSchemas();

  public McpTools(
      MarketplaceClient marketplace, AgentReferences references, TaskRuns runs, ObjectMapper json) {
    this.marketplace = marketplace;
    this.references = references;
    this.runs = runs;
    this.json = json;
  }

  Mono<McpSchema.ListToolsResult> list(Caller caller) {
    return toolbox(caller)
        .map(
            toolbox -> {
              List<McpSchema.Tool> tools = new ArrayList<>();
              tools.add(BuiltInTools.SEARCH_TOOL);
              tools.add(BuiltInTools.RUN_TOOL);
              toolbox.forEach(tool -> tools.add(tool.definition(json)));
              return new McpSchema.ListToolsResult(tools, null);
            });
  }

  Mono<McpSchema.CallToolResult> call(
      McpAsyncServerExchange exchange, McpSchema.CallToolRequest request) {
    Caller caller = McpCaller.of(exchange);
    ObjectNode arguments =
        request.arguments() == null
            ? json.createObjectNode()
            : json.valueToTree(request.arguments());
    Consumer<TaskEvent> progress = RunProgress.of(exchange, request);
    return switch (request.name()) {
      case BuiltInTools.SEARCH -> search(caller, arguments);
      case BuiltInTools.RUN -> runAgent(caller, arguments, progress);
      default ->
          toolbox(caller)
              .flatMap(
                  toolbox ->
                      toolbox.stream()
                          .filter(tool -> tool.name().equals(request.name()))
                          .findFirst()
                          .map(tool -> runToolboxTool(caller, tool, arguments, progress))
                          .orElseGet(() -> Mono.error(unknownTool(request.name()))));
    };
  }

  private Mono<McpSchema.CallToolResult> search(Caller caller, ObjectNode arguments) {
    List<String> problems = unknown(arguments, SEARCH_ARGUMENTS);
    JsonNode query = arguments.get("query");
    if (query == null || !query.isTextual() || query.asText().isBlank()) {
      problems.add("query: is required, as words to look for");
    }
    JsonNode capability = arguments.get("capability");
    if (capability != null && !capability.isTextual()) {
      problems.add("capability: must be a string");
    }
    JsonNode limit = arguments.get("limit");
    if (limit != null
        && (!limit.isIntegralNumber()
            || limit.asInt() < 1
            || limit.asInt() > BuiltInTools.MAX_SEARCH_RESULTS)) {
      problems.add("limit: must be an integer from 1 to " + BuiltInTools.MAX_SEARCH_RESULTS);
    }
    if (!problems.isEmpty()) {
      return Mono.just(invalidArguments(BuiltInTools.SEARCH, problems));
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("q", query.asText());
    parameters.put("capability", capability == null ? null : capability.asText());
    parameters.put(
        "limit",
        Integer.toString(limit == null ? BuiltInTools.DEFAULT_SEARCH_RESULTS : limit.asInt()));
    return mono(marketplace.search(parameters, caller.authorization()))
        .map(SearchResults::of)
        .onErrorResume(GatewayException.class, e -> Mono.just(ToolResults.refused(e)));
  }

  private Mono<McpSchema.CallToolResult> runAgent(
      Caller caller, ObjectNode arguments, Consumer<TaskEvent> progress) {
    List<String> problems = unknown(arguments, RUN_ARGUMENTS);
    JsonNode agent = arguments.get("agent");
    if (agent == null || !agent.isTextual() || agent.asText().isBlank()) {
      problems.add("agent: is required: owner/name, owner/name@version or the agent's id");
    }
    if (!problems.isEmpty()) {
      return Mono.just(invalidArguments(BuiltInTools.RUN, problems));
    }
    return mono(references.resolve(agent.asText(), caller))
        .flatMap(
            agentId -> {
              ObjectNode task = arguments.deepCopy();
              task.remove("agent");
              task.put("agentId", agentId.toString());
              return run(caller, task, progress, false);
            })
        .onErrorResume(GatewayException.class, e -> Mono.just(ToolResults.refused(e)));
  }

  private Mono<McpSchema.CallToolResult> runToolboxTool(
      Caller caller, ToolboxTool tool, ObjectNode arguments, Consumer<TaskEvent> progress) {
    ObjectNode task = json.createObjectNode().put("agentId", tool.agentId().toString());
    if (tool.inputSchema() != null) {
      List<String> violations = schemas.violations(tool.inputSchema(), arguments);
      if (!violations.isEmpty()) {
        return Mono.just(
            ToolResults.error(
                "The arguments do not match the input schema of "
                    + tool.reference()
                    + ":\n- "
                    + String.join("\n- ", violations)));
      }
      task.put("input", arguments.toString());
    } else {
      List<String> problems = unknown(arguments, PLAIN_TOOL_ARGUMENTS);
      if (!problems.isEmpty()) {
        return Mono.just(invalidArguments(tool.name(), problems));
      }
      task.setAll(arguments);
    }
    return run(caller, task, progress, tool.inputSchema() != null);
  }

  private Mono<McpSchema.CallToolResult> run(
      Caller caller, ObjectNode task, Consumer<TaskEvent> progress, boolean structured) {
    JsonNode timeout = task.get("timeoutMs");
    int timeoutMs =
        timeout != null && timeout.canConvertToInt()
            ? Math.max(0, Math.min(timeout.asInt(), TaskLimits.MAX_TIMEOUT_MS))
            : TaskLimits.DEFAULT_TIMEOUT_MS;
    return runs.run(caller, task, timeoutMs, progress)
        .map(outcome -> ToolResults.of(outcome, structured));
  }

  private Mono<List<ToolboxTool>> toolbox(Caller caller) {
    return mono(marketplace.toolbox(caller.authorization()))
        .map(ToolboxTool::active)
        .onErrorMap(
            GatewayException.class,
            e ->
                McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR)
                    .message("The toolbox could not be read: " + e.getMessage())
                    .build());
  }

  private static List<String> unknown(ObjectNode arguments, Set<String> allowed) {
    List<String> problems = new ArrayList<>();
    arguments
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (!allowed.contains(name)) {
                problems.add(name + ": is not an argument of this tool");
              }
            });
    return problems;
  }

  private static McpSchema.CallToolResult invalidArguments(String tool, List<String> problems) {
    return ToolResults.error(
        "The arguments of " + tool + " are invalid:\n- " + String.join("\n- ", problems));
  }

  private static McpError unknownTool(String name) {
    return McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
        .message("Unknown tool: " + name + " (tools/list names the tools you have)")
        .build();
  }

  private static <T> Mono<T> mono(Uni<T> uni) {
    return Mono.defer(() -> Mono.fromCompletionStage(uni.subscribeAsCompletionStage()));
  }
}
