package io.agentry.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentry.gateway.support.DownstreamServices;
import io.agentry.localstack.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry throttles logins per client address, which it reads from the X-Forwarded-For the
 * gateway sends. The gateway sends the address it sees, taken from X-Forwarded-For only when the
 * peer is a trusted proxy (here 127.0.0.1, as the ingress is in a cluster): another peer cannot
 * choose the address its logins are counted under.
 */
@QuarkusTest
@WithTestResource(
    value = LocalStackTestResource.class,
    initArgs = {
      @ResourceArg(name = "components", value = DownstreamServices.COMPONENTS),
      @ResourceArg(name = "database", value = "gateway")
    })
@WithTestResource(DownstreamServices.class)
class ClientAddressTest {

  /** A loopback address that is not a trusted proxy of the gateway. */
  private static final String UNTRUSTED_PEER = "127.0.0.2";

  private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(77);

  @TestHTTPResource("/")
  URL gateway;

  private String spent;

  /** An address whose failed logins the registry already refuses (spent there, directly). */
  @BeforeEach
  void spendAnAddressAtTheRegistry() {
    spent = "198.51.100." + NEXT_ADDRESS.getAndIncrement();
    String registry = DownstreamServices.registry().baseUrl();
    int status;
    int attempts = 0;
    do {
      status = failedLogin(registry + "/users/login", spent);
      attempts++;
    } while (status == 401 && attempts <= DownstreamServices.LOGIN_FAILURES_PER_ADDRESS);
    assertEquals(429, status, "the address is throttled at the registry");
  }

  @Test
  void anUntrustedPeerCannotChooseTheAddressItsLoginsAreCountedUnder() throws IOException {
    // Both forms of the header change nothing: the login is counted under the peer's address,
    // which still has attempts left.
    assertEquals(401, loginThroughTheGatewayFrom(UNTRUSTED_PEER, spent));
    assertEquals(429, failedLogin(DownstreamServices.registry().baseUrl() + "/users/login", spent));
  }

  @Test
  void theTrustedProxysForwardedAddressIsTheOneCounted() {
    // From the trusted proxy, X-Forwarded-For names the client: the spent address is refused.
    assertEquals(429, failedLogin(gateway + "api/v1/users/login", spent));
  }

  private int loginThroughTheGatewayFrom(String localAddress, String forwardedFor)
      throws IOException {
    byte[] body =
        ("{\"username\":\"" + unknownUsername() + "\",\"password\":\"not the password\"}")
            .getBytes(StandardCharsets.UTF_8);
    String head =
        "POST /api/v1/users/login HTTP/1.1\r\n"
            + "Host: localhost\r\n"
            + "Content-Type: application/json\r\n"
            + "X-Forwarded-For: "
            + forwardedFor
            + "\r\n"
            + "Forwarded: for="
            + forwardedFor
            + "\r\n"
            + "Content-Length: "
            + body.length
            + "\r\nConnection: close\r\n\r\n";
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(localAddress, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", gateway.getPort()), 5_000);
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().write(body);
      String status =
          new BufferedReader(
                  new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
      return Integer.parseInt(status.split(" ")[1]);
    }
  }

  private static int failedLogin(String url, String forwardedFor) {
    return given()
        .contentType(ContentType.JSON)
        .header("X-Forwarded-For", forwardedFor)
        .body(Map.of("username", unknownUsername(), "password", "not the password"))
        .post(url)
        .statusCode();
  }

  private static String unknownUsername() {
    return "nobody-" + UUID.randomUUID().toString().substring(0, 12);
  }
}
