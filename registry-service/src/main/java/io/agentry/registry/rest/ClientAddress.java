package io.agentry.registry.rest;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * The address of the client a request comes from: the peer of the connection, or, when it is a
 * trusted proxy (the gateway, see {@code quarkus.http.proxy.*}), the first {@code X-Forwarded-For}
 * address it sent.
 */
final class ClientAddress {

  private ClientAddress() {}

  static String of(HttpServerRequest request) {
    SocketAddress remote = request.remoteAddress();
    return remote == null || remote.host() == null ? "unknown" : remote.host();
  }
}
