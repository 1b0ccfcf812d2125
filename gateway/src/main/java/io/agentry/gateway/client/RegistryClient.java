package io.agentry.gateway.client;

import io.agentry.gateway.config.GatewayConfig;
import io.agentry.gateway.problem.GatewayException;
import io.agentry.gateway.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The gateway's own calls to registry-service: token exchange and agent lookups. */
@ApplicationScoped
public class RegistryClient {

  private final Downstream service;

  public RegistryClient(WebClients clients, GatewayConfig config) {
    this.service =
        new Downstream(
            clients.client(),
            "registry service",
            config.routes().registryUrl(),
            config.routes().callTimeout());
  }

  /**
   * Exchanges an API key (or a token) for a short-lived registry-signed JWT; fails with {@code
   * unauthorized} for a bad or revoked key and {@code service-unavailable} when the registry does
   * not answer.
   */
  public Uni<IssuedToken> exchange(String credentials) {
    return service
        .send(HttpMethod.POST, "/auth/token", "Bearer " + credentials)
        .map(this::issuedToken);
  }

  /** The agent, or empty when the registry does not know it. */
  public Uni<Optional<AgentSummary>> agent(UUID agentId, String authorization) {
    return service
        .send(HttpMethod.GET, "/agents/" + agentId, authorization)
        .map(this::agentSummary);
  }

  /**
   * The names of the agent's secrets ({@code GET /internal/agents/{id}/secrets/names} at the
   * registry), empty when the registry does not know the agent.
   */
  public Uni<Set<String>> secretNames(UUID agentId) {
    return service
        .send(HttpMethod.GET, "/internal/agents/" + agentId + "/secrets/names", null)
        .map(
            response -> {
              if (response.statusCode() == 404) {
                return Set.<String>of();
              }
              if (response.statusCode() != 200) {
                throw service.unavailable(null);
              }
              Set<String> names = new HashSet<>();
              response.bodyAsJsonObject().getJsonArray("names").forEach(n -> names.add((String) n));
              return Set.copyOf(names);
            });
  }

  /**
   * Why a token of this user, session generation and API key (null for a login token) no longer
   * works, or empty when it does ({@code GET /internal/sessions/{userId}} at the registry).
   */
  public Uni<Optional<String>> sessionRefusal(UUID userId, int generation, UUID keyId) {
    String path =
        "/internal/sessions/"
            + userId
            + "?generation="
            + generation
            + (keyId == null ? "" : "&keyId=" + keyId);
    return service
        .send(HttpMethod.GET, path, null)
        .map(
            response -> {
              if (response.statusCode() != 200) {
                throw service.unavailable(null);
              }
              JsonObject body = response.bodyAsJsonObject();
              return body.getBoolean("valid", false)
                  ? Optional.<String>empty()
                  : Optional.of(body.getString("reason", "the credentials were revoked"));
            });
  }

  private IssuedToken issuedToken(HttpResponse<Buffer> response) {
    if (response.statusCode() == 401) {
      throw new GatewayException(
          ProblemType.UNAUTHORIZED, "The API key is unknown, revoked or malformed.");
    }
    if (response.statusCode() != 200) {
      throw service.unavailable(null);
    }
    JsonObject body = response.bodyAsJsonObject();
    return new IssuedToken(body.getString("token"), Instant.parse(body.getString("expiresAt")));
  }

  private Optional<AgentSummary> agentSummary(HttpResponse<Buffer> response) {
    if (response.statusCode() == 404 || response.statusCode() == 400) {
      return Optional.empty();
    }
    if (response.statusCode() == 401) {
      throw new GatewayException(ProblemType.UNAUTHORIZED, "The credentials were not accepted.");
    }
    if (response.statusCode() != 200) {
      throw service.unavailable(null);
    }
    JsonObject body = response.bodyAsJsonObject();
    return Optional.of(
        new AgentSummary(
            UUID.fromString(body.getString("id")),
            body.getString("status"),
            body.getString("binaryHash")));
  }
}
