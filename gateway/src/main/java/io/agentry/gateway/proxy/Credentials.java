package io.agentry.gateway.proxy;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Reads the bearer credentials a client sent, and removes them from a query string. */
final class Credentials {

  static final String ACCESS_TOKEN = "access_token";

  private static final String BEARER = "bearer ";

  private Credentials() {}

  /**
   * The credentials of {@code request}: the {@code Authorization: Bearer} value, or for a WebSocket
   * upgrade also the {@code access_token} query parameter; null when there are none.
   */
  static String of(HttpServerRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header != null) {
      String trimmed = header.trim();
      if (trimmed.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
        return trimmed.substring(BEARER.length()).trim();
      }
      return null;
    }
    if (ProxyFailures.isWebSocket(request)) {
      return request.getParam(ACCESS_TOKEN);
    }
    return null;
  }

  /** {@code query} without any {@code access_token} parameter; null when nothing is left. */
  static String queryWithoutToken(String query) {
    if (query == null || query.isEmpty()) {
      return null;
    }
    String kept =
        Arrays.stream(query.split("&"))
            .filter(part -> !part.equals(ACCESS_TOKEN) && !part.startsWith(ACCESS_TOKEN + "="))
            .collect(Collectors.joining("&"));
    return kept.isEmpty() ? null : kept;
  }
}
