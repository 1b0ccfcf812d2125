package io.agentry.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.MultiMap;
import io.vertx.core.net.SocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardedHeadersTest {

  @Test
  void theClientsForwardingHeadersAreReplacedByItsRealAddress() {
    MultiMap headers =
        MultiMap.caseInsensitiveMultiMap()
            .add("x-forwarded-for", "198.51.100.7")
            .add("X-Forwarded-For", "198.51.100.8, 10.0.0.1")
            .add("Forwarded", "for=198.51.100.7;proto=https")
            .add("X-Forwarded-Proto", "https")
            .add("X-Forwarded-Host", "evil.example")
            .add("Content-Type", "application/json");

    ForwardedHeaders.replace(headers, SocketAddress.inetSocketAddress(51234, "203.0.113.9"));

    assertEquals(List.of("203.0.113.9"), headers.getAll("X-Forwarded-For"));
    assertNull(headers.get("Forwarded"));
    assertNull(headers.get("X-Forwarded-Proto"));
    assertNull(headers.get("X-Forwarded-Host"));
    assertEquals("application/json", headers.get("Content-Type"));
  }

  @Test
  void withoutAKnownPeerNoAddressIsForwarded() {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("X-Forwarded-For", "198.51.100.7");

    ForwardedHeaders.replace(headers, null);

    assertFalse(headers.contains("X-Forwarded-For"));
  }
}
