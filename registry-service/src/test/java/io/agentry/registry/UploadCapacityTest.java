package io.agentry.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.agentry.localstack.LocalStackTestResource;
import io.agentry.registry.TestUsers.TestUser;
import io.agentry.registry.config.RegistryConfig;
import io.agentry.registry.rest.UploadIntake;
import io.agentry.registry.wasm.WasmModules;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Uploads in progress at once are bounded by count and by the bytes they spool: real uploads held
 * open on sockets (headers and the first part of a body sent, the rest not yet) take the room, and
 * the next upload is answered 503 uploads-busy with Retry-After until they end.
 */
@QuarkusTest
@WithTestResource(
    value = LocalStackTestResource.class,
    initArgs = {
      @ResourceArg(name = "components", value = "postgres,kafka,s3"),
      @ResourceArg(name = "database", value = "registry")
    })
class UploadCapacityTest {

  private static final long MIB = 1024 * 1024;

  @Inject RegistryConfig config;
  @Inject UploadIntake intake;

  @TestHTTPResource("/")
  URL root;

  private final List<Socket> held = new ArrayList<>();

  @AfterEach
  void endHeldUploads() throws IOException {
    for (Socket socket : held) {
      socket.close();
    }
    held.clear();
    until(() -> intake.inProgress() == 0);
  }

  @Test
  void pastTheConcurrentUploadsTheNextIsRefusedWith503UntilOneEnds() throws Exception {
    TestUser user = TestUsers.register();
    for (int i = 0; i < config.upload().maxConcurrent(); i++) {
      holdUpload(user, MIB);
    }
    until(() -> intake.inProgress() == config.upload().maxConcurrent());

    Response refused = upload(user);

    assertBusy(refused);
    held.remove(0).close();
    until(() -> intake.inProgress() < config.upload().maxConcurrent());
    assertEquals(201, upload(user).statusCode());
  }

  @Test
  void aRefusedUploadStillGetsItsAnswerWhileItIsSendingItsBody() throws Exception {
    TestUser user = TestUsers.register();
    for (int i = 0; i < config.upload().maxConcurrent(); i++) {
      holdUpload(user, MIB);
    }
    until(() -> intake.inProgress() == config.upload().maxConcurrent());

    // A body much larger than the sockets' buffers: the client is still sending it when the
    // answer is written, and must be able to read that answer rather than a reset connection.
    Response refused =
        TestAgents.upload(
                user, TestAgents.metadata("large"), WasmModules.valid("refused", (int) (8 * MIB)))
            .extract()
            .response();

    assertBusy(refused);
  }

  @Test
  void pastTheSpoolBytesALargeUploadIsRefusedAndASmallOneIsStillTaken() throws Exception {
    TestUser user = TestUsers.register();
    long large = 50 * MIB;
    long room = config.upload().spoolBytes().asLongValue();
    int fitting = (int) (room / large);
    for (int i = 0; i < fitting; i++) {
      holdUpload(user, large);
    }
    until(() -> intake.inProgress() == fitting);

    Socket oneMore = holdUpload(user, large);
    String answer = new String(oneMore.getInputStream().readNBytes(2048), StandardCharsets.UTF_8);

    assertEquals("HTTP/1.1 503", answer.substring(0, 12), answer);
    assertEquals(true, answer.contains("/problems/uploads-busy"), answer);
    assertEquals(true, answer.toLowerCase().contains("retry-after:"), answer);
    holdUpload(user, MIB);
    until(() -> intake.inProgress() == fitting + 1);
  }

  /** Waits up to 30 s for {@code condition}. */
  private static void until(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not reached within 30 s");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private static void assertBusy(Response refused) {
    assertEquals(503, refused.statusCode(), refused.asString());
    assertEquals("application/problem+json", refused.contentType());
    assertEquals("/problems/uploads-busy", refused.path("type"));
    assertNotNull(refused.header("Retry-After"));
  }

  private static Response upload(TestUser user) {
    return TestAgents.upload(user, TestAgents.metadata("held"), TestAgents.uniqueModule())
        .extract()
        .response();
  }

  /**
   * Starts an authenticated upload declaring {@code length} bytes and sends only its first part (an
   * unauthenticated one is answered 401 before its body is read).
   */
  private Socket holdUpload(TestUser user, long length) throws IOException {
    Socket socket = new Socket(root.getHost(), root.getPort());
    held.add(socket);
    OutputStream out = socket.getOutputStream();
    out.write(
        ("POST /agents HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + user.apiKey()
                + "\r\n"
                + "Content-Type: multipart/form-data; boundary=held\r\n"
                + "Content-Length: "
                + length
                + "\r\n\r\n--held\r\nContent-Disposition: form-data; name=\"binary\";"
                + " filename=\"a.wasm\"\r\nContent-Type: application/wasm\r\n\r\n\0asm")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return socket;
  }
}
