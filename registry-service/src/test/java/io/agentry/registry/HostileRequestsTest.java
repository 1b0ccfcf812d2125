package io.agentry.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.agentry.localstack.LocalStackTestResource;
import io.agentry.registry.TestUsers.TestUser;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Requests that {@link HttpFuzzTest} found answered with a 500, or with a 400 not in problem+json.
 */
@QuarkusTest
@WithTestResource(
    value = LocalStackTestResource.class,
    initArgs = {
      @ResourceArg(name = "components", value = "postgres,kafka,s3"),
      @ResourceArg(name = "database", value = "registry")
    })
class HostileRequestsTest {

  private static final String PROBLEM = "application/problem+json";
  private static final String BOUNDARY = "hostile";

  @Test
  void aMetadataPartInAnUnknownCharsetIsAnInvalidMultipartBody() {
    TestUser user = TestUsers.register();
    byte[] body =
        multipart(
            "Content-Disposition: form-data; name=\"metadata\"\r\n"
                + "Content-Type: text/plain; charset=no-such-charset\r\n",
            TestAgents.json(TestAgents.metadata("x")).getBytes(StandardCharsets.UTF_8));
    problem(upload(user, body), 400, "invalid-multipart").body("detail", containsString("charset"));
  }

  @Test
  void aPartWhoseContentTypeDoesNotParseIsAnInvalidMultipartBody() {
    TestUser user = TestUsers.register();
    byte[] body =
        multipart(
            "Content-Disposition: form-data; name=\"metadata\"\r\n"
                + "Content-Type: appl;ication/json\r\n",
            TestAgents.json(TestAgents.metadata("x")).getBytes(StandardCharsets.UTF_8));
    problem(upload(user, body), 400, "invalid-multipart");
  }

  @Test
  void aMetadataFileWithMalformedUtf8IsInvalidMetadata() {
    TestUser user = TestUsers.register();
    String name = (String) TestAgents.metadata("x").get("name");
    byte[] metadata =
        ("{\"name\":\"" + name + "\",\"description\":\"caf\u0000\",\"version\":\"1.0.0\"}")
            .getBytes(StandardCharsets.UTF_8);
    // The description ends in a lone continuation byte instead of the NUL placeholder.
    metadata[indexOf(metadata, (byte) 0)] = (byte) 0xA9;
    byte[] body =
        multipart(
            "Content-Disposition: form-data; name=\"metadata\"; filename=\"m.json\"\r\n"
                + "Content-Type: application/octet-stream\r\n",
            metadata);
    problem(upload(user, body), 400, "invalid-metadata").body("detail", containsString("UTF-8"));
  }

  @Test
  void jsonFollowedByMoreContentIsInvalidJsonInProblemForm() {
    TestUser owner = TestUsers.register();
    String id = TestAgents.create(owner, TestAgents.metadata("x"));
    problem(patch(owner, id, "{\"description\":\"d\"}\"more\":1}"), 400, "invalid-json");
  }

  @Test
  void aNumberWithAnExponentBeyond32BitsIsInvalidJsonNotAServerError() {
    problem(
        post("/users/register", "{\"username\":\"someone\",\"password\":1E9999999999}"),
        400,
        "invalid-json");
  }

  @Test
  void metadataWithSuchANumberIsInvalidMetadata() {
    TestUser user = TestUsers.register();
    String metadata =
        "{\"name\":\"a\",\"description\":\"\",\"version\":\"1.0.0\",\"price\":1E9999999999}";
    problem(TestAgents.upload(user, metadata, TestAgents.uniqueModule()), 400, "invalid-metadata");
  }

  /** PostgreSQL text cannot hold U+0000: the row could not be written, a 500. */
  @Test
  void aDescriptionWithANulCharacterIsRefused() {
    TestUser owner = TestUsers.register();
    String id = TestAgents.create(owner, TestAgents.metadata("x"));
    refused(patch(owner, id, "{\"description\":\"d\\u0000\"}"), 400)
        .body("errors.field", equalTo(java.util.List.of("description")));
    problem(
            TestAgents.upload(owner, TestAgents.metadata("nul\u0000"), TestAgents.uniqueModule()),
            400,
            "invalid-metadata")
        .body("errors.field", equalTo(java.util.List.of("description")));
  }

  @Test
  void aLoginWithANulCharacterFailsLikeAnUnknownUser() {
    problem(
        post(
            "/users/login",
            "{\"username\":\"someone\\u0000\",\"password\":\"correct horse battery\"}"),
        401,
        "invalid-credentials");
  }

  /** A problem+json answer of {@code status}. */
  private static ValidatableResponse refused(ValidatableResponse response, int status) {
    return response.statusCode(status).contentType(PROBLEM);
  }

  /** A problem+json answer of {@code status} whose type is {@code /problems/<type>}. */
  private static ValidatableResponse problem(
      ValidatableResponse response, int status, String type) {
    return refused(response, status).body("type", equalTo("/problems/" + type));
  }

  private static ValidatableResponse patch(TestUser owner, String agentId, String json) {
    return owner
        .request()
        .contentType("application/json")
        .body(json)
        .patch("/agents/" + agentId)
        .then();
  }

  private static ValidatableResponse post(String path, String json) {
    return given().contentType("application/json").body(json).post(path).then();
  }

  private static ValidatableResponse upload(TestUser user, byte[] body) {
    return user.request()
        .contentType("multipart/form-data; boundary=" + BOUNDARY)
        .body(body)
        .post("/agents")
        .then();
  }

  /** A body with the given metadata part and a valid binary part. */
  private static byte[] multipart(String metadataHeaders, byte[] metadata) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(ascii("--" + BOUNDARY + "\r\n" + metadataHeaders + "\r\n"));
    out.writeBytes(metadata);
    out.writeBytes(
        ascii(
            "\r\n--"
                + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"binary\"; filename=\"a.wasm\"\r\n"
                + "Content-Type: application/wasm\r\n\r\n"));
    out.writeBytes(TestAgents.uniqueModule());
    out.writeBytes(ascii("\r\n--" + BOUNDARY + "--\r\n"));
    return out.toByteArray();
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static int indexOf(byte[] bytes, byte value) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == value) {
        return i;
      }
    }
    throw new IllegalArgumentException("not found");
  }
}
