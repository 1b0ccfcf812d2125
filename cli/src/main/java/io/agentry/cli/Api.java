package io.agentry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

/** The platform's public API at one base URL ({@code .../api/v1}), as one user. */
final class Api {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(75);

  private final HttpClient http;
  private final String baseUrl;
  private final String credential;

  Api(String baseUrl, String credential) {
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.credential = credential;
  }

  /** The same API as another user. */
  Api as(String otherCredential) {
    return new Api(baseUrl, otherCredential);
  }

  String baseUrl() {
    return baseUrl;
  }

  String credential() {
    return credential;
  }

  HttpClient http() {
    return http;
  }

  JsonNode get(String path) {
    return json(send(request(path).GET()));
  }

  JsonNode postJson(String path, Object body, Map<String, String> headers) {
    HttpRequest.Builder request =
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(write(body)));
    headers.forEach(request::header);
    return json(send(request));
  }

  /** Sends a request and returns the response when its status is 2xx; else the problem's detail. */
  HttpResponse<String> send(HttpRequest.Builder request) {
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new CliException(
          "cannot reach " + baseUrl + " (is the platform up? ./agentry up starts it)");
    } catch (HttpTimeoutException e) {
      throw new CliException("no answer from " + baseUrl + " within " + REQUEST_TIMEOUT);
    } catch (IOException e) {
      throw new CliException("request to " + baseUrl + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted");
    }
    if (response.statusCode() / 100 != 2) {
      throw new CliException(Problems.describe(response.statusCode(), response.body()));
    }
    return response;
  }

  HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_TIMEOUT);
    if (credential != null) {
      builder.header("Authorization", "Bearer " + credential);
    }
    return builder;
  }

  /** The WebSocket URI of a path of the API. */
  URI webSocket(String path) {
    return URI.create(baseUrl.replaceFirst("^http", "ws") + path);
  }

  static String query(Map<String, ?> parameters) {
    StringJoiner joined = new StringJoiner("&", "?", "");
    joined.setEmptyValue("");
    parameters.forEach(
        (name, value) -> {
          if (value instanceof Iterable<?> values) {
            values.forEach(v -> joined.add(name + "=" + encode(v)));
          } else if (value != null) {
            joined.add(name + "=" + encode(value));
          }
        });
    return joined.toString();
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return response.body().isEmpty() ? object() : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new CliException("the platform answered something that is not JSON");
    }
  }

  private static String encode(Object value) {
    return URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8);
  }

  private static String write(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
