package io.agentry.gateway.web;

import io.agentry.gateway.client.IssuedToken;
import io.agentry.gateway.client.WebClients;
import io.agentry.gateway.config.GatewayConfig;
import io.agentry.gateway.problem.GatewayException;
import io.agentry.gateway.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * The registry's sign-in, sign-up and "who am I" as the web pages' session endpoints use them. The
 * browser's address goes along as {@code X-Forwarded-For}, so the registry throttles failed
 * sign-ins and sign-ups per person exactly as for the API's own register and login.
 */
@ApplicationScoped
public class AccountClient {

  private final WebClient client;
  private final String registryUrl;
  private final long timeoutMillis;

  public AccountClient(WebClients clients, GatewayConfig config) {
    this.client = clients.client();
    this.registryUrl = config.routes().registryUrl();
    this.timeoutMillis = config.routes().callTimeout().toMillis();
  }

  /** Logs in with {@code credentials} (the JSON of {@code POST /users/login}). */
  Uni<IssuedToken> login(String credentials, String clientAddress) {
    return post("/users/login", credentials, clientAddress, 200)
        .map(
            body ->
                new IssuedToken(
                    body.getString("token"), Instant.parse(body.getString("expiresAt"))));
  }

  /** Registers a user: {@code {id, username, apiKey, createdAt}}. */
  Uni<JsonObject> register(String credentials, String clientAddress) {
    return post("/users/register", credentials, clientAddress, 201);
  }

  /** The user a token belongs to: {@code {id, username, createdAt}}. */
  Uni<JsonObject> me(String token) {
    return send(
            client.getAbs(registryUrl + "/users/me").putHeader("Authorization", "Bearer " + token),
            null)
        .map(response -> expect(response, 200));
  }

  private Uni<JsonObject> post(String path, String body, String clientAddress, int expected) {
    HttpRequest<Buffer> request =
        client
            .postAbs(registryUrl + path)
            .putHeader("Content-Type", "application/json")
            .putHeader("X-Forwarded-For", clientAddress);
    return send(request, body == null ? "" : body).map(response -> expect(response, expected));
  }

  private Uni<HttpResponse<Buffer>> send(HttpRequest<Buffer> request, String body) {
    request.timeout(timeoutMillis);
    Uni<HttpResponse<Buffer>> sent =
        body == null ? request.send() : request.sendBuffer(Buffer.buffer(body));
    return sent.onFailure()
        .transform(
            e ->
                GatewayException.retryLater(
                    ProblemType.SERVICE_UNAVAILABLE,
                    "The registry service is not answering; try again shortly.",
                    5,
                    e));
  }

  private static JsonObject expect(HttpResponse<Buffer> response, int expected) {
    if (response.statusCode() == expected) {
      return response.bodyAsJsonObject();
    }
    if (response.statusCode() >= 500) {
      throw GatewayException.retryLater(
          ProblemType.SERVICE_UNAVAILABLE,
          "The registry service is not answering; try again shortly.",
          5,
          null);
    }
    throw new UpstreamProblem(
        response.statusCode(),
        java.util.Objects.requireNonNullElse(
            response.getHeader("Content-Type"), "application/problem+json"),
        response.bodyAsString(),
        response.getHeader("Retry-After"));
  }
}
