package io.agentry.gateway.proxy;

import io.vertx.core.http.HttpMethod;
import java.util.regex.Pattern;

/**
 * The marketplace reads anyone may make without credentials (docs/contract.md section 2): the agent
 * lists, one agent, its versions and its statistics. Every other path needs a caller.
 */
final class PublicReads {

  private static final Pattern PATHS =
      Pattern.compile("/agents(/search|/[^/]+(/versions|/stats)?)?/?");

  private PublicReads() {}

  /** True when {@code path} (without {@code /api/v1}) is a public read for {@code method}. */
  static boolean matches(HttpMethod method, String path) {
    return (method == HttpMethod.GET || method == HttpMethod.HEAD) && PATHS.matcher(path).matches();
  }
}
