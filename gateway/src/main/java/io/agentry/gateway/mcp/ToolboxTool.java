package io.agentry.gateway.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One agent of a caller's toolbox as a tool: named as the registry named it (unique in the
 * toolbox), described by the agent's description, taking the agent's input schema or else {@code
 * {input?, args?}}.
 */
record ToolboxTool(
    String name, UUID agentId, String reference, String description, JsonNode inputSchema) {

  /** The active agents of a {@code GET /users/me/toolbox} answer; others take no tasks. */
  static List<ToolboxTool> active(JsonNode toolbox) {
    List<ToolboxTool> tools = new ArrayList<>();
    for (JsonNode entry : toolbox.path("items")) {
      JsonNode agent = entry.path("agent");
      if (!"active".equals(agent.path("status").asText())) {
        continue;
      }
      JsonNode schema = agent.get("inputSchema");
      tools.add(
          new ToolboxTool(
              entry.path("toolName").asText(),
              UUID.fromString(agent.path("id").asText()),
              agent.path("ownerName").asText()
                  + "/"
                  + agent.path("name").asText()
                  + "@"
                  + agent.path("version").asText(),
              agent.path("description").asText(),
              schema == null || schema.isNull() ? null : schema));
    }
    return tools;
  }

  @SuppressWarnings("unchecked")
  McpSchema.Tool definition(ObjectMapper json) {
    Map<String, Object> schema =
        inputSchema == null
            ? BuiltInTools.INPUT_AND_ARGS
            : json.convertValue(inputSchema, Map.class);
    return McpSchema.Tool.builder()
        .name(name)
        .title(reference)
        .description(description)
        .inputSchema(schema)
        .meta(Map.of("io.agentry/agent", Map.of("id", agentId.toString(), "reference", reference)))
        .build();
  }
}
