package io.agentry.gateway.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.gateway.client.MarketplaceClient;
import io.agentry.gateway.problem.GatewayException;
import io.agentry.gateway.problem.ProblemType;
import io.agentry.gateway.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Resolves an agent reference as the contract defines it: an id, {@code OWNER/NAME[@VERSION]} or
 * {@code NAME[@VERSION]} (the caller's own agent of that name, else that of its only owner).
 * Without a version the newest active version is meant. Lookups are the registry's exact ones.
 */
@ApplicationScoped
public class AgentReferences {

  private static final Pattern ID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final MarketplaceClient marketplace;

  public AgentReferences(MarketplaceClient marketplace) {
    this.marketplace = marketplace;
  }

  /** The id of the agent {@code reference} names. */
  Uni<UUID> resolve(String reference, Caller caller) {
    String text = reference.strip();
    if (ID.matcher(text).matches()) {
      return Uni.createFrom().item(UUID.fromString(text));
    }
    int at = text.lastIndexOf('@');
    String version = at < 0 ? null : text.substring(at + 1);
    String path = at < 0 ? text : text.substring(0, at);
    int slash = path.indexOf('/');
    String owner = slash < 0 ? null : path.substring(0, slash);
    String name = slash < 0 ? path : path.substring(slash + 1);
    if (name.isEmpty() || (owner != null && owner.isEmpty()) || "".equals(version)) {
      return Uni.createFrom().failure(notFound(reference));
    }
    Map<String, String> query = new LinkedHashMap<>();
    query.put("name", name);
    query.put("ownerName", owner);
    query.put("version", version);
    if (version == null) {
      query.put("status", "active");
    }
    query.put("sort", "version");
    query.put("limit", owner == null ? "100" : "1");
    return marketplace
        .agents(query, caller.authorization())
        .map(page -> pick(page.path("items"), reference, caller));
  }

  private static UUID pick(JsonNode items, String reference, Caller caller) {
    Map<String, JsonNode> newestByOwner = new LinkedHashMap<>();
    for (JsonNode agent : items) {
      if (agent.path("ownerId").asText().equals(caller.userId().toString())) {
        return UUID.fromString(agent.path("id").asText());
      }
      newestByOwner.putIfAbsent(agent.path("ownerName").asText(), agent);
    }
    if (newestByOwner.isEmpty()) {
      throw notFound(reference);
    }
    if (newestByOwner.size() > 1) {
      Set<String> candidates = new LinkedHashSet<>();
      newestByOwner.forEach(
          (owner, agent) -> candidates.add(owner + "/" + agent.path("name").asText()));
      throw new GatewayException(
          ProblemType.BAD_REQUEST,
          "The agent name "
              + reference
              + " is used by several authors; write OWNER/NAME, one of "
              + String.join(", ", candidates)
              + ".");
    }
    return UUID.fromString(newestByOwner.values().iterator().next().path("id").asText());
  }

  private static GatewayException notFound(String reference) {
    return new GatewayException(
        ProblemType.AGENT_NOT_FOUND,
        "There is no "
            + (reference.contains("@") ? "" : "active ")
            + "agent "
            + reference
            + "; name it by id, OWNER/NAME or OWNER/NAME@VERSION (search_agents finds them).");
  }
}
