package io.agentry.sandbox.http;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One entry of an agent's {@code permissions.http}: a scheme, a host and an optional port, such as
 * {@code https://api.example.com}, {@code https://*.example.org} or {@code http://127.0.0.1:8089}.
 * A leading {@code *.} matches every subdomain (not the domain itself); no path, query, user or
 * fragment. Without a port, the scheme's default port is meant.
 *
 * @param scheme {@code http} or {@code https}
 * @param host the host in lower case, without the {@code *.} of a wildcard
 * @param wildcard true when the pattern matches the subdomains of {@code host}
 * @param port the port, the scheme's default when the pattern names none
 */
public record OriginPattern(String scheme, String host, boolean wildcard, int port) {

  private static final Pattern FORM =
      Pattern.compile("(https?)://(\\*\\.)?([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(?::(\\d{1,5}))?");
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final int MAX_LENGTH = 300;

  /**
   * Reads one entry.
   *
   * @throws IllegalArgumentException with a sentence that says what is wrong
   */
  public static OriginPattern parse(String text) {
    if (text == null || text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("must be an origin of at most " + MAX_LENGTH + " chars");
    }
    var match = FORM.matcher(text);
    if (!match.matches()) {
      throw new IllegalArgumentException(
          "must be an origin: http:// or https://, a host (a leading *. for its subdomains) and"
              + " an optional :port, without a path, such as https://api.example.com");
    }
    String scheme = match.group(1);
    boolean wildcard = match.group(2) != null;
    String host = match.group(3).toLowerCase(Locale.ROOT);
    if (host.startsWith("[")) {
      if (wildcard) {
        throw new IllegalArgumentException("a wildcard *. cannot precede an IPv6 address");
      }
    } else if (!validDnsName(host)) {
      throw new IllegalArgumentException(
          "host '" + host + "' is not a valid host name or IPv4 address");
    }
    int port = defaultPort(scheme);
    if (match.group(4) != null) {
      port = Integer.parseInt(match.group(4));
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("the port must be 1 to 65535");
      }
    }
    return new OriginPattern(scheme, host, wildcard, port);
  }

  /** True when {@code url}'s origin (scheme, host, effective port) is one this pattern allows. */
  public boolean matches(URI url) {
    String urlScheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals(urlScheme) || url.getHost() == null) {
      return false;
    }
    int urlPort = url.getPort() == -1 ? defaultPort(urlScheme) : url.getPort();
    if (urlPort != port) {
      return false;
    }
    String urlHost = url.getHost().toLowerCase(Locale.ROOT);
    return wildcard ? urlHost.endsWith("." + host) : urlHost.equals(host);
  }

  /** The pattern as the API shows it: lower case, the port only when the pattern named one. */
  @Override
  public String toString() {
    return scheme
        + "://"
        + (wildcard ? "*." : "")
        + host
        + (port == defaultPort(scheme) ? "" : ":" + port);
  }

  static int defaultPort(String scheme) {
    return "https".equals(scheme) ? 443 : 80;
  }

  private static boolean validDnsName(String host) {
    if (host.length() > 253 || host.endsWith(".") || host.startsWith(".")) {
      return false;
    }
    for (String label : host.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }
}
