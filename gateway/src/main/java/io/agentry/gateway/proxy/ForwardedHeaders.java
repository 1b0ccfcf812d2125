package io.agentry.gateway.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.net.SocketAddress;
import java.util.List;

/**
 * The forwarding headers of a proxied request: whatever {@code Forwarded} or {@code X-Forwarded-*}
 * the client sent is dropped, and {@code X-Forwarded-For} names the client's address as the gateway
 * sees it. The services key per-address limits (login, register) on it, so a client must not be
 * able to choose it.
 */
final class ForwardedHeaders {

  static final String X_FORWARDED_FOR = "X-Forwarded-For";
  private static final String X_FORWARDED_PREFIX = "X-Forwarded-";

  private ForwardedHeaders() {}

  /** Replaces the forwarding headers in {@code headers} with the address of {@code peer}. */
  static void replace(MultiMap headers, SocketAddress peer) {
    headers.remove("Forwarded");
    List<String> forwarded =
        headers.names().stream()
            .filter(
                name ->
                    name.regionMatches(true, 0, X_FORWARDED_PREFIX, 0, X_FORWARDED_PREFIX.length()))
            .toList();
    forwarded.forEach(headers::remove);
    if (peer != null && peer.host() != null) {
      headers.set(X_FORWARDED_FOR, peer.host());
    }
  }
}
