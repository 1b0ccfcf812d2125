package io.agentry.client.model;

import java.util.List;

/**
 * What an agent version may do outside its sandbox (docs/contract.md, "Agents").
 *
 * @param http the origins it may call over outbound HTTP
 */
public record AgentPermissions(List<String> http) {

  public AgentPermissions {
    http = http == null ? List.of() : List.copyOf(http);
  }
}
