package io.agentry.results.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentry.results.config.ResultsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Asks the registry whether the credential behind a token still works ({@code GET
 * /internal/sessions/{userId}?generation=&keyId=}): empty when it does, else the registry's reason.
 */
@ApplicationScoped
public class RegistrySessions {

  private final ObjectMapper json;
  private final String baseUrl;
  private final Duration timeout;
  private final HttpClient http;

  public RegistrySessions(ObjectMapper json, ResultsConfig config) {
    this.json = json;
    this.baseUrl = config.registry().url();
    this.timeout = config.registry().timeout();
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** Fails when the registry does not answer, or answers anything but 200. */
  public CompletableFuture<Optional<String>> refusal(UUID userId, int generation, UUID keyId) {
    String query = "?generation=" + generation + (keyId == null ? "" : "&keyId=" + keyId);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/internal/sessions/" + userId + query))
            .timeout(timeout)
            .GET()
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .thenApply(this::refusal);
  }

  private Optional<String> refusal(HttpResponse<byte[]> response) {
    if (response.statusCode() != 200) {
      throw new IllegalStateException("the registry answered " + response.statusCode());
    }
    try {
      JsonNode body = json.readTree(response.body());
      return body.path("valid").asBoolean(false)
          ? Optional.empty()
          : Optional.of(body.path("reason").asText("the credentials were revoked"));
    } catch (IOException e) {
      throw new IllegalStateException("the registry's answer is not JSON", e);
    }
  }
}
