package io.agentry.registry;

import java.util.List;

/**
 * What an agent version may do outside its sandbox, as its metadata declared it and users see it;
 * fixed per version.
 *
 * @param http the origins it may call over outbound HTTP ({@code https://api.example.com}, {@code
 *     https://*.example.org}, {@code http://127.0.0.1:8089}), normalized, at most 32
 */
public record AgentPermissions(List<String> http) {

  private static final AgentPermissions NONE = new AgentPermissions(List.of());

  public AgentPermissions {
    http = http == null ? List.of() : List.copyOf(http);
  }

  /** No permission at all. */
  public static AgentPermissions none() {
    return NONE;
  }
}
