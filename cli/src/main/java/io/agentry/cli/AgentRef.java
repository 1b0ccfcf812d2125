package io.agentry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Finds an agent by id, or by name: the caller's own agent of that name first, else the one agent
 * of that name in the marketplace (the newest version, as the registry orders versions).
 */
final class AgentRef {

  private final Api api;

  AgentRef(Api api) {
    this.api = api;
  }

  String resolve(String idOrName) {
    if (isUuid(idOrName)) {
      return idOrName;
    }
    List<JsonNode> named = new ArrayList<>();
    for (JsonNode agent :
        api.get("/agents/search" + Api.query(Map.of("q", idOrName, "limit", 100))).path("items")) {
      if (agent.path("name").asText().equals(idOrName)) {
        named.add(agent);
      }
    }
    if (named.isEmpty()) {
      throw new CliException(
          "no agent named '" + idOrName + "' (./agentry agents search lists them)");
    }
    String me = api.get("/users/me").path("id").asText();
    String mine =
        named.stream()
            .map(agent -> agent.path("ownerId").asText())
            .filter(me::equals)
            .findFirst()
            .orElse(null);
    if (mine == null
        && named.stream().map(agent -> agent.path("ownerId").asText()).distinct().count() > 1) {
      throw new CliException(
          "several authors publish an agent named '" + idOrName + "'; give its id instead");
    }
    String owner = mine != null ? mine : named.get(0).path("ownerId").asText();
    String anyId =
        named.stream()
            .filter(agent -> agent.path("ownerId").asText().equals(owner))
            .findFirst()
            .orElseThrow()
            .path("id")
            .asText();
    JsonNode newest = api.get("/agents/" + anyId + "/versions?limit=1").path("items").path(0);
    return newest.isMissingNode() ? anyId : newest.path("id").asText();
  }

  static boolean isUuid(String text) {
    try {
      return UUID.fromString(text).toString().equalsIgnoreCase(text);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
