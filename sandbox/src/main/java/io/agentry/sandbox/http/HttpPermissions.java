package io.agentry.sandbox.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The origins an agent version may call ({@code permissions.http}), fixed per version. No entry: no
 * request leaves the sandbox ({@code http_request} answers 1).
 */
public final class HttpPermissions {

  /** The most origins one agent version may declare. */
  public static final int MAX_ORIGINS = 32;

  private static final HttpPermissions NONE = new HttpPermissions(List.of());

  private final List<OriginPattern> origins;

  private HttpPermissions(List<OriginPattern> origins) {
    this.origins = List.copyOf(origins);
  }

  /** An agent that may call nothing. */
  public static HttpPermissions none() {
    return NONE;
  }

  /**
   * The permissions of an agent from its stored origins.
   *
   * @throws IllegalArgumentException when one is not an origin or there are too many
   */
  public static HttpPermissions of(List<String> origins) {
    if (origins == null || origins.isEmpty()) {
      return NONE;
    }
    if (origins.size() > MAX_ORIGINS) {
      throw new IllegalArgumentException(
          "at most " + MAX_ORIGINS + " origins, was " + origins.size());
    }
    List<OriginPattern> parsed = new ArrayList<>(origins.size());
    for (String origin : origins) {
      parsed.add(OriginPattern.parse(origin));
    }
    return new HttpPermissions(parsed);
  }

  /**
   * What is wrong with one declared origin, or null when it is fine: the rule the registry applies
   * at upload and the executor at run time.
   */
  public static String problem(String origin) {
    try {
      OriginPattern.parse(origin);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  /** True when some declared origin matches {@code url}'s. */
  public boolean permits(URI url) {
    for (OriginPattern origin : origins) {
      if (origin.matches(url)) {
        return true;
      }
    }
    return false;
  }

  public boolean isEmpty() {
    return origins.isEmpty();
  }

  /** The origins in their normalized form. */
  public List<String> origins() {
    return origins.stream().map(OriginPattern::toString).toList();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof HttpPermissions that && origins.equals(that.origins);
  }

  @Override
  public int hashCode() {
    return origins.hashCode();
  }

  @Override
  public String toString() {
    return origins().toString();
  }
}
