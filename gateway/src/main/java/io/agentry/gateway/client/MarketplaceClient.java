package io.agentry.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentry.gateway.config.GatewayConfig;
import io.agentry.gateway.problem.GatewayException;
import io.agentry.gateway.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The gateway's reads of the marketplace at registry-service for its MCP server, with the caller's
 * token: search, exact lookups of agents, and the caller's toolbox. Answers come back as the
 * registry wrote them (the contract's JSON), or as the registry's problem.
 */
@ApplicationScoped
public class MarketplaceClient {

  private final Downstream service;
  private final ObjectMapper json;

  public MarketplaceClient(WebClients clients, GatewayConfig config, ObjectMapper json) {
    this.service =
        new Downstream(
            clients.client(),
            "registry service",
            config.routes().registryUrl(),
            config.routes().callTimeout());
    this.json = json;
  }

  /** {@code GET /agents/search} with the given query parameters (null values are left out). */
  public Uni<JsonNode> search(Map<String, String> query, String authorization) {
    return get("/agents/search" + query(query), authorization);
  }

  /** {@code GET /agents} with the given query parameters (null values are left out). */
  public Uni<JsonNode> agents(Map<String, String> query, String authorization) {
    return get("/agents" + query(query), authorization);
  }

  /** {@code GET /users/me/toolbox}: the caller's toolbox. */
  public Uni<JsonNode> toolbox(String authorization) {
    return get("/users/me/toolbox", authorization);
  }

  private Uni<JsonNode> get(String path, String authorization) {
    return service.send(HttpMethod.GET, path, authorization).map(this::body);
  }

  private JsonNode body(HttpResponse<Buffer> response) {
    int status = response.statusCode();
    if (status == 401) {
      throw new GatewayException(ProblemType.UNAUTHORIZED, "The credentials were not accepted.");
    }
    if (status >= 500) {
      throw service.unavailable(null);
    }
    JsonNode body = parse(response.bodyAsString());
    if (status != 200) {
      throw new GatewayException(
          status == 404 ? ProblemType.NOT_FOUND : ProblemType.BAD_REQUEST,
          body.path("detail").asText("The registry refused the request (" + status + ")."));
    }
    return body;
  }

  private JsonNode parse(String text) {
    try {
      return json.readTree(text == null ? "null" : text);
    } catch (IOException e) {
      throw service.unavailable(e);
    }
  }

  private static String query(Map<String, String> parameters) {
    StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
    parameters.forEach(
        (name, value) -> {
          if (value != null) {
            query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
          }
        });
    return query.toString();
  }
}
