package io.agentry.gateway.proxy;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the bearer credentials a client sent, and removes them from a query string. A query
 * parameter is recognised by its name as the HTTP layer decodes it (percent-encoding, {@code +},
 * any letter case, {@code &} or {@code ;} between parameters), so that every spelling a service
 * would read as {@code access_token} is both accepted here and never forwarded.
 */
final class Credentials {

  static final String ACCESS_TOKEN = "access_token";

  private static final String BEARER = "bearer ";
  private static final Pattern SEPARATOR = Pattern.compile("[&;]");

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
      return accessToken(request.query());
    }
    return null;
  }

  /** The value of the first {@code access_token} parameter of {@code query}, decoded; or null. */
  static String accessToken(String query) {
    if (query == null) {
      return null;
    }
    for (String part : SEPARATOR.split(query)) {
      int equals = part.indexOf('=');
      String name = equals < 0 ? part : part.substring(0, equals);
      if (isAccessToken(name)) {
        return equals < 0 ? "" : decode(part.substring(equals + 1));
      }
    }
    return null;
  }

  /**
   * {@code query} without any parameter named {@code access_token} in any encoding (and without
   * parameters whose name cannot be decoded); null when nothing is left.
   */
  static String queryWithoutToken(String query) {
    if (query == null || query.isEmpty()) {
      return null;
    }
    List<String> kept = new ArrayList<>();
    for (String part : SEPARATOR.split(query)) {
      int equals = part.indexOf('=');
      String name = equals < 0 ? part : part.substring(0, equals);
      if (!part.isEmpty() && !isAccessToken(name) && decode(name) != null) {
        kept.add(part);
      }
    }
    return kept.isEmpty() ? null : String.join("&", kept);
  }

  private static boolean isAccessToken(String rawName) {
    String name = decode(rawName);
    return name != null && name.toLowerCase(Locale.ROOT).equals(ACCESS_TOKEN);
  }

  /** Percent- and {@code +}-decoding as a form would be; null when it is not valid. */
  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
