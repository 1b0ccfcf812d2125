package io.agentry.gateway.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A marketplace search as a tool result: structured agents, and the same as readable text. */
final class SearchResults {

  private static final int DESCRIPTION_EXCERPT = 300;

  private SearchResults() {}

  static McpSchema.CallToolResult of(JsonNode page) {
    List<Map<String, Object>> agents = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (JsonNode agent : page.path("items")) {
      String reference = agent.path("ownerName").asText() + "/" + agent.path("name").asText();
      Map<String, Object> found = new LinkedHashMap<>();
      found.put("reference", reference);
      found.put("id", agent.path("id").asText());
      found.put("version", agent.path("version").asText());
      found.put("description", agent.path("description").asText());
      found.put(
          "rating", agent.path("rating").isNumber() ? agent.path("rating").decimalValue() : null);
      found.put("ratingCount", agent.path("ratingCount").asInt());
      found.put("price", agent.path("price").decimalValue());
      List<String> capabilities = new ArrayList<>();
      agent.path("capabilities").forEach(capability -> capabilities.add(capability.asText()));
      found.put("capabilities", capabilities);
      found.put("takesJsonArguments", agent.hasNonNull("inputSchema"));
      agents.add(found);
      text.append(reference)
          .append('@')
          .append(found.get("version"))
          .append(" | price ")
          .append(found.get("price"))
          .append(" | rating ")
          .append(found.get("rating") == null ? "none" : found.get("rating"))
          .append(" (")
          .append(found.get("ratingCount"))
          .append(")\n  ")
          .append(excerpt(agent.path("description").asText()))
          .append('\n');
    }
    if (agents.isEmpty()) {
      text.append("No agent matches.");
    }
    return McpSchema.CallToolResult.builder()
        .addTextContent(text.toString().strip())
        .structuredContent(Map.of("agents", agents))
        .isError(false)
        .build();
  }

  private static String excerpt(String description) {
    String line = description.replaceAll("\\s+", " ").strip();
    return line.length() <= DESCRIPTION_EXCERPT
        ? line
        : line.substring(0, DESCRIPTION_EXCERPT) + "...";
  }
}
