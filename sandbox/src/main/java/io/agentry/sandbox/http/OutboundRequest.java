package io.agentry.sandbox.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One request as a module asks for it: {@code {"method": "GET", "url": "https://host/path?q",
 * "headers": {"Name": "value"}}} (method and headers optional) and a body.
 *
 * @param method an upper-case token, GET by default
 * @param url an absolute http or https URL without user information or fragment
 * @param headers name and value pairs in the order given
 * @param body the request body, empty for none
 */
record OutboundRequest(String method, URI url, List<Header> headers, byte[] body) {

  /** The headers the host writes itself; a module may not set them. */
  private static final Set<String> HOST_HEADERS =
      Set.of(
          "host",
          "content-length",
          "transfer-encoding",
          "connection",
          "keep-alive",
          "upgrade",
          "te",
          "trailer",
          "expect",
          "proxy-connection",
          "proxy-authorization");

  /** Headers that carry credentials: not sent on after a redirect to another origin. */
  private static final Set<String> CREDENTIALS =
      Set.of("authorization", "cookie", "proxy-authorization");

  private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}");
  private static final int MAX_HEADERS = 64;
  private static final int MAX_URL_CHARS = 8192;

  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(4).build())
          .build();

  /** A header of the request. */
  record Header(String name, String value) {}

  /**
   * Reads the module's request.
   *
   * @throws HttpCallException {@link HttpAbi#INVALID_REQUEST} with the reason
   */
  static OutboundRequest parse(byte[] json, byte[] body) throws HttpCallException {
    String method = "GET";
    String url = null;
    List<Header> headers = new ArrayList<>();
    try (JsonParser parser = JSON.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw invalid("the request must be a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "method" -> method = text(parser, value, "method");
          case "url" -> url = text(parser, value, "url");
          case "headers" -> readHeaders(parser, value, headers);
          default -> throw invalid("unknown field " + field);
        }
      }
      if (parser.nextToken() != null) {
        throw invalid("text after the request object");
      }
    } catch (IOException e) {
      throw invalid("the request is not valid JSON");
    }
    if (!METHOD.matcher(method).matches() || method.equals("CONNECT")) {
      throw invalid("method must be an upper-case HTTP method other than CONNECT");
    }
    if (url == null) {
      throw invalid("url is required");
    }
    return new OutboundRequest(method, checkUrl(url), List.copyOf(headers), body);
  }

  /** An absolute http(s) URL the host can send, else {@link HttpAbi#INVALID_REQUEST}. */
  static URI checkUrl(String text) throws HttpCallException {
    if (text.length() > MAX_URL_CHARS) {
      throw invalid("url is longer than " + MAX_URL_CHARS + " characters");
    }
    URI url;
    try {
      url = new URI(text);
    } catch (URISyntaxException e) {
      throw invalid("url is not a valid URL");
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw invalid("url must be http or https");
    }
    if (url.getHost() == null || url.getRawUserInfo() != null) {
      throw invalid("url must name a host, without user information");
    }
    return url;
  }

  /** The request to send to {@code location} after a redirect with {@code status}. */
  OutboundRequest redirected(URI location, int status) {
    boolean keepMethod = status == 307 || status == 308;
    boolean toGet =
        !keepMethod && !method.equals("HEAD") && (status == 303 || !method.equals("GET"));
    boolean sameOrigin = origin(location).equals(origin(url));
    List<Header> kept =
        headers.stream()
            .filter(header -> sameOrigin || !CREDENTIALS.contains(lower(header.name())))
            .filter(header -> !toGet || !lower(header.name()).startsWith("content-"))
            .toList();
    return new OutboundRequest(toGet ? "GET" : method, location, kept, toGet ? new byte[0] : body);
  }

  /** The request line's target: path and query, {@code /} at least. */
  String target() {
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
  }

  static String origin(URI url) {
    String scheme = url.getScheme().toLowerCase(Locale.ROOT);
    int port = url.getPort() == -1 ? OriginPattern.defaultPort(scheme) : url.getPort();
    return scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + ":" + port;
  }

  private static void readHeaders(JsonParser parser, JsonToken value, List<Header> headers)
      throws IOException, HttpCallException {
    if (value != JsonToken.START_OBJECT) {
      throw invalid("headers must be an object of strings");
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      String text = text(parser, parser.nextToken(), "headers." + name);
      if (!TOKEN.matcher(name).matches()) {
        throw invalid("header name '" + name + "' is not a token");
      }
      if (HOST_HEADERS.contains(lower(name))) {
        throw invalid("header " + name + " is set by the host");
      }
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '\r' || c == '\n' || c == '\0' || c > 0xFF) {
          throw invalid("header " + name + " has a character a header cannot carry");
        }
      }
      if (headers.size() == MAX_HEADERS) {
        throw invalid("more than " + MAX_HEADERS + " headers");
      }
      headers.add(new Header(name, text));
    }
  }

  private static String text(JsonParser parser, JsonToken value, String field)
      throws IOException, HttpCallException {
    if (value != JsonToken.VALUE_STRING) {
      throw invalid(field + " must be a string");
    }
    return parser.getText();
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  private static HttpCallException invalid(String reason) {
    return new HttpCallException(HttpAbi.INVALID_REQUEST, reason);
  }
}
