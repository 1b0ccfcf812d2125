package io.agentry.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentry.gateway.support.DownstreamServices;
import io.agentry.gateway.support.TestAgents;
import io.agentry.gateway.support.TestUsers;
import io.agentry.gateway.support.TestUsers.TestUser;
import io.agentry.gateway.support.Wasm;
import io.agentry.localstack.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    value = LocalStackTestResource.class,
    initArgs = {
      @ResourceArg(name = "components", value = DownstreamServices.COMPONENTS),
      @ResourceArg(name = "database", value = "gateway")
    })
@WithTestResource(DownstreamServices.class)
class ProxyTest {

  private static final long FIFTY_MIB = 50L * 1024 * 1024;

  @TestHTTPResource("/")
  URL gateway;

  @Test
  void aFiftyMebibyteUploadStreamsThroughToTheRegistry() throws Exception {
    TestUser user = TestUsers.register();
    String boundary = "agentry-" + UUID.randomUUID();
    byte[] header = Wasm.withCustomSectionHeader(FIFTY_MIB - 1024);
    long binarySize = header.length + FIFTY_MIB - 1024;
    String head =
        "--"
            + boundary
            + "\r\n"
            + "Content-Disposition: form-data; name=\"metadata\"\r\n"
            + "Content-Type: application/json\r\n\r\n"
            + TestAgents.metadata()
            + "\r\n"
            + "--"
            + boundary
            + "\r\n"
            + "Content-Disposition: form-data; name=\"binary\"; filename=\"big.wasm\"\r\n"
            + "Content-Type: application/wasm\r\n\r\n";
    String tail = "\r\n--" + boundary + "--\r\n";
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(gateway + "api/v1/agents"))
            .header("Authorization", "Bearer " + user.apiKey())
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .timeout(Duration.ofMinutes(3))
            .POST(
                HttpRequest.BodyPublishers.ofInputStream(
                    () ->
                        new SequenceInputStream(
                            java.util.Collections.enumeration(
                                List.of(
                                    bytes(head),
                                    new ByteArrayInputStream(header),
                                    new ZeroStream(FIFTY_MIB - 1024),
                                    bytes(tail))))))
            .build();

    HttpResponse<String> response =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(request, HttpResponse.BodyHandlers.ofString());

    assertEquals(201, response.statusCode(), response.body());
    JsonObject agent = new JsonObject(response.body());
    assertEquals(binarySize, agent.getLong("binarySize"));
    assertEquals(
        "/api/v1/agents/" + agent.getString("id"),
        URI.create(response.headers().firstValue("Location").orElseThrow()).getPath());
    assertTrue(
        response.headers().firstValue("Location").orElseThrow().startsWith("/api/v1/"),
        "the Location names the service's own address");
  }

  @Test
  void aDeclaredBodyOverTheLimitIsRefusedBeforeItIsSent() throws Exception {
    try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /api/v1/agents HTTP/1.1\r\nHost: localhost\r\n"
                  + "Content-Type: multipart/form-data; boundary=x\r\n"
                  + "Content-Length: "
                  + (60L * 1024 * 1024)
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      String status = in.readLine();
      assertTrue(status.startsWith("HTTP/1.1 413"), status);
      String line;
      StringBuilder rest = new StringBuilder();
      while ((line = in.readLine()) != null && !line.contains("}")) {
        rest.append(line).append('\n');
      }
      assertTrue(line != null && line.contains("/problems/binary-too-large"), rest + "" + line);
    }
  }

  @Test
  void theServicesProblemsAndStatusCodesPassUnchanged() {
    TestUser user = TestUsers.register();
    user.withKey()
        .get("/api/v1/agents/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("type", equalTo("/problems/agent-not-found"));
    user.withKey()
        .get("/api/v1/agents?limit=0")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
  }

  @Test
  void queryParametersReachTheService() {
    TestUser user = TestUsers.register();
    TestAgents.create(user);
    TestAgents.create(user);
    user.withKey()
        .get("/api/v1/agents?limit=1&owner=" + user.id())
        .then()
        .statusCode(200)
        .body("items.size()", lessThanOrEqualTo(1))
        .body("items[0].ownerId", equalTo(user.id().toString()));
  }

  @Test
  void aPathNothingServesIsAProblem() {
    TestUser user = TestUsers.register();
    user.withKey()
        .get("/api/v1/nothing-here")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("type", equalTo("/problems/not-found"));
  }

  @Test
  void aPathOutsideTheApiSaysWhereTheApiLives() {
    TestUser user = TestUsers.register();
    for (String path : List.of("/agents", "/v1/agents", "/api/agents")) {
      user.withKey()
          .get(path)
          .then()
          .statusCode(404)
          .contentType("application/problem+json")
          .body("type", equalTo("/problems/not-found"))
          .body("detail", equalTo("The API lives under /api/v1: did you mean /api/v1/agents?"));
    }
    for (String path : List.of("/nothing-here", "/auth/token", "/.well-known/jwks.json")) {
      given()
          .get(path)
          .then()
          .statusCode(404)
          .contentType("application/problem+json")
          .body("detail", equalTo("The API lives under /api/v1."));
    }
    given().get("/q/health/live").then().statusCode(200);
    // The web pages live outside /api/v1: the Find page is the gateway's root.
    given().get("/").then().statusCode(200).contentType(containsString("text/html"));
  }

  @Test
  void aMethodAPathDoesNotTakeListsTheMethodsItTakesWhereverTheyAreServed() {
    TestUser user = TestUsers.register();
    user.withKey()
        .put("/api/v1/agents/" + UUID.randomUUID())
        .then()
        .statusCode(405)
        .contentType("application/problem+json")
        .header("Allow", "GET, PATCH, DELETE")
        .body("type", equalTo("/problems/method-not-allowed"));
    // GET /tasks is the results service's, POST /tasks the gateway's own.
    user.withKey().put("/api/v1/tasks").then().statusCode(405).header("Allow", "GET, POST");
    user.withKey()
        .patch("/api/v1/tasks/" + UUID.randomUUID())
        .then()
        .statusCode(405)
        .header("Allow", "GET, DELETE");
    user.withKey()
        .get("/api/v1/users/register")
        .then()
        .statusCode(405)
        .header("Allow", "POST")
        .body("detail", equalTo("This path takes POST, not GET."));
  }

  @Test
  void aBodyOfAnotherTypeIsToldTheTypeThePathTakes() {
    TestUser user = TestUsers.register();
    user.withKey()
        .contentType("text/plain")
        .body("hello")
        .post("/api/v1/tasks")
        .then()
        .statusCode(415)
        .contentType("application/problem+json")
        .body("type", equalTo("/problems/unsupported-media-type"))
        .body("detail", startsWith("This path takes application/json, not text/plain"));
    user.withKey()
        .contentType("application/json")
        .body("{}")
        .post("/api/v1/agents")
        .then()
        .statusCode(415)
        .body("detail", startsWith("This path takes multipart/form-data"));
  }

  private static InputStream bytes(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code size} zero bytes, produced as they are read. */
  private static final class ZeroStream extends InputStream {
    private long left;

    ZeroStream(long size) {
      this.left = size;
    }

    @Override
    public int read() {
      if (left == 0) {
        return -1;
      }
      left--;
      return 0;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      if (left == 0) {
        return -1;
      }
      int n = (int) Math.min(length, left);
      java.util.Arrays.fill(buffer, offset, offset + n, (byte) 0);
      left -= n;
      return n;
    }
  }
}
