package io.agentry.gateway.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentry.gateway.TaskOutcome;
import io.agentry.gateway.problem.FieldError;
import io.agentry.gateway.problem.GatewayException;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a run becomes a tool result: stdout as text ({@code isError} unless SUCCEEDED, with the
 * status, exit code, error and stderr), the task's id and figures under {@code _meta}, and, for a
 * tool with an input schema, a JSON object on stdout also as structured content.
 */
final class ToolResults {

  /** The {@code _meta} key that carries the task's id, status and figures. */
  static final String META_KEY = "io.agentry/task";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private ToolResults() {}

  static McpSchema.CallToolResult of(TaskRuns.Outcome outcome, boolean structured) {
    if (outcome instanceof TaskRuns.Outcome.Ended ended) {
      return ended(ended.outcome(), structured);
    }
    if (outcome instanceof TaskRuns.Outcome.StillGoing going) {
      return McpSchema.CallToolResult.builder()
          .addTextContent(
              "Task "
                  + going.taskId()
                  + " is still "
                  + going.status()
                  + " after "
                  + going.waited().toSeconds()
                  + " s, its time limit plus a margin; this call stops waiting. Follow it with"
                  + " GET /api/v1/tasks/"
                  + going.taskId()
                  + ".")
          .isError(true)
          .meta(
              Map.of(
                  META_KEY, Map.of("taskId", going.taskId().toString(), "status", going.status())))
          .build();
    }
    return refused(((TaskRuns.Outcome.Refused) outcome).problem());
  }

  /** A refused submission, or arguments that break the rules: the problem, as a person reads it. */
  static McpSchema.CallToolResult refused(GatewayException problem) {
    StringBuilder text =
        new StringBuilder(problem.type().slug()).append(": ").append(problem.getMessage());
    for (FieldError error : problem.errors()) {
      text.append("\n- ").append(error.field()).append(": ").append(error.message());
    }
    problem
        .retryAfterSeconds()
        .ifPresent(seconds -> text.append("\nTry again in ").append(seconds).append(" s."));
    return error(text.toString());
  }

  /** A tool error (the model can read it and try again differently). */
  static McpSchema.CallToolResult error(String text) {
    return McpSchema.CallToolResult.builder().addTextContent(text).isError(true).build();
  }

  private static McpSchema.CallToolResult ended(TaskOutcome task, boolean structured) {
    boolean succeeded = "SUCCEEDED".equals(task.status());
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("taskId", task.taskId().toString());
    meta.put("status", task.status());
    meta.put("exitCode", task.exitCode());
    meta.put("durationMs", task.durationMs());
    meta.put("stdoutTruncated", task.stdoutTruncated());
    McpSchema.CallToolResult.Builder result =
        McpSchema.CallToolResult.builder().meta(Map.of(META_KEY, meta)).isError(!succeeded);
    if (succeeded) {
      result.addTextContent(task.stdout());
      if (structured) {
        JsonNode object = jsonObject(task.stdout());
        if (object != null) {
          result.structuredContent(JSON.convertValue(object, Map.class));
        }
      }
    } else {
      result.addTextContent(failure(task));
    }
    return result.build();
  }

  private static String failure(TaskOutcome task) {
    StringBuilder text =
        new StringBuilder("Task ").append(task.taskId()).append(" ended ").append(task.status());
    if (task.exitCode() != null) {
      text.append(" with exit code ").append(task.exitCode());
    }
    if (task.error() != null) {
      text.append(": ").append(task.error());
    }
    text.append('.');
    for (String part : List.of("stdout", "stderr")) {
      String output = part.equals("stdout") ? task.stdout() : task.stderr();
      if (!output.isEmpty()) {
        text.append("\n").append(part).append(":\n").append(output);
      }
    }
    return text.toString();
  }

  /** The stdout as a JSON object, or null when it is not exactly one. */
  private static JsonNode jsonObject(String stdout) {
    try {
      JsonNode node = JSON.readTree(stdout);
      return node != null && node.isObject() ? node : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
