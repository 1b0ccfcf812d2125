package io.agentry.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentry.localstack.LocalStackTestResource;
import io.agentry.registry.TestUsers.TestUser;
import io.agentry.registry.config.RegistryConfig;
import io.agentry.registry.storage.BlobStore;
import io.agentry.registry.wasm.WasmModules;
import io.agentry.wire.BinaryKeys;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

@QuarkusTest
@WithTestResource(
    value = LocalStackTestResource.class,
    initArgs = {
      @ResourceArg(name = "components", value = "postgres,kafka,s3"),
      @ResourceArg(name = "database", value = "registry")
    })
class AgentUploadTest {

  private static final String PROBLEM = "application/problem+json";

  @Inject BlobStore blobs;
  @Inject RegistryConfig config;
  @Inject Pool pool;

  @Test
  void anUploadStoresTheBinaryUnderItsHashAndReturnsTheAgent() {
    TestUser user = TestUsers.register();
    byte[] module = TestAgents.uniqueModule();
    String hash = TestAgents.sha256(module);
    Map<String, Object> metadata = TestAgents.metadata("Summarizes text.");
    metadata.put("price", 1.5);
    metadata.put("version", "2.1.0-rc.1+build.7");

    var response =
        TestAgents.upload(user, metadata, module)
            .statusCode(201)
            .contentType(ContentType.JSON)
            .body("ownerId", equalTo(user.id().toString()))
            .body("name", equalTo(metadata.get("name")))
            .body("description", equalTo("Summarizes text."))
            .body("version", equalTo("2.1.0-rc.1+build.7"))
            .body("capabilities", equalTo(List.of("text:summarize")))
            .body("status", equalTo("active"))
            .body("price", equalTo(1.5f))
            .body("binaryHash", equalTo(hash))
            .body("binarySize", equalTo(module.length))
            .body("tasksCompleted", equalTo(0))
            .body("rating", nullValue())
            .body("ratingCount", equalTo(0))
            .body("createdAt", notNullValue())
            .body("updatedAt", notNullValue())
            .extract();
    String id = response.path("id");
    assertEquals("/api/v1/agents/" + id, URI.create(response.header("Location")).getPath());
    assertEquals("/api/v1/agents/" + id + "/binary", response.path("binaryUrl"));
    assertTrue(blobs.exists(BinaryKeys.forHash(hash)));

    user.request()
        .get("/agents/" + id)
        .then()
        .statusCode(200)
        .body("id", equalTo(id))
        .body("binaryHash", equalTo(hash));
  }

  @Test
  void theDefaultPriceIsZero() {
    TestUser user = TestUsers.register();
    TestAgents.upload(user, TestAgents.metadata("x"), TestAgents.uniqueModule())
        .statusCode(201)
        .body("price", equalTo(0.0f))
        .body("capabilities", equalTo(List.of("text:summarize")));
  }

  @Test
  void anUnknownAgentIsNotFound() {
    TestUser user = TestUsers.register();
    for (String id : new String[] {UUID.randomUUID().toString(), "not-a-uuid"}) {
      user.request()
          .get("/agents/" + id)
          .then()
          .statusCode(404)
          .contentType(PROBLEM)
          .body("type", equalTo("/problems/agent-not-found"));
    }
  }

  @Test
  void readingAgentsNeedsNoCredentialsButPublishingDoes() {
    given()
        .get("/agents/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .contentType(PROBLEM)
        .body("type", equalTo("/problems/agent-not-found"));
    given().get("/agents").then().statusCode(200);
    given().get("/agents/search?q=anything").then().statusCode(200);
    given().get("/agents/" + UUID.randomUUID() + "/versions").then().statusCode(404);
    given()
        .multiPart("metadata", TestAgents.json(TestAgents.metadata("x")), "application/json")
        .multiPart("binary", "a.wasm", TestAgents.uniqueModule(), "application/wasm")
        .post("/agents")
        .then()
        .statusCode(401)
        .contentType(PROBLEM);
  }

  @Test
  void invalidMetadataNamesEveryBadField() {
    TestUser user = TestUsers.register();
    Map<String, Object> metadata =
        Map.of(
            "name",
            "Bad Name",
            "description",
            "d".repeat(4001),
            "version",
            "1.0",
            "capabilities",
            List.of("OK?", "fine"),
            "price",
            1.999,
            "colour",
            "blue");
    TestAgents.upload(user, metadata, TestAgents.uniqueModule())
        .statusCode(400)
        .contentType(PROBLEM)
        .body("type", equalTo("/problems/invalid-metadata"))
        .body("errors.field", hasItem("name"))
        .body("errors.field", hasItem("description"))
        .body("errors.field", hasItem("version"))
        .body("errors.field", hasItem("capabilities[0]"))
        .body("errors.field", hasItem("price"))
        .body("errors.field", hasItem("colour"));
    TestAgents.upload(user, Map.of("description", "no name"), TestAgents.uniqueModule())
        .statusCode(400)
        .body("errors.field", hasItem("name"))
        .body("errors.field", hasItem("version"));
    TestAgents.upload(
            user,
            Map.of("name", "a", "description", "", "version", "1.0.0", "price", "3"),
            TestAgents.uniqueModule())
        .statusCode(400)
        .body("errors.field", equalTo(List.of("price")));
  }

  @Test
  void metadataThatIsNotJsonIsInvalidMetadata() {
    TestUser user = TestUsers.register();
    TestAgents.upload(user, "{\"name\": ", TestAgents.uniqueModule())
        .statusCode(400)
        .contentType(PROBLEM)
        .body("type", equalTo("/problems/invalid-metadata"));
  }

  @Test
  void aMissingPartIsAnInvalidMultipartBody() {
    TestUser user = TestUsers.register();
    user.request()
        .multiPart("metadata", TestAgents.json(TestAgents.metadata("x")), "application/json")
        .post("/agents")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("type", equalTo("/problems/invalid-multipart"))
        .body("detail", containsString("binary"));
    user.request()
        .multiPart("binary", "a.wasm", TestAgents.uniqueModule(), "application/wasm")
        .post("/agents")
        .then()
        .statusCode(400)
        .body("type", equalTo("/problems/invalid-multipart"))
        .body("detail", containsString("metadata"));
  }

  @Test
  void aBrokenMultipartBodyIsABadRequest() {
    TestUser user = TestUsers.register();
    user.request()
        .contentType("multipart/form-data; boundary=XyZ")
        .body(
            "--XyZ\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n{}\r\n--Xy"
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII))
        .post("/agents")
        .then()
        .statusCode(400)
        .contentType(PROBLEM);
  }

  @Test
  void aJsonBodyIsAnUnsupportedMediaType() {
    TestUser user = TestUsers.register();
    user.request()
        .contentType(ContentType.JSON)
        .body(TestAgents.metadata("x"))
        .post("/agents")
        .then()
        .statusCode(415)
        .contentType(PROBLEM)
        .body("type", equalTo("/problems/unsupported-media-type"))
        .body(
            "detail",
            equalTo(
                "This path takes multipart/form-data (a JSON part 'metadata' and a file part"
                    + " 'binary'), not application/json."));
  }

  @Test
  void binariesThatAreNotRunnableCommandsAreRefusedWithTheReason() {
    TestUser user = TestUsers.register();
    byte[] valid = TestAgents.uniqueModule();
    Object[][] cases = {
      {"not wasm at all".getBytes(), "not WebAssembly"},
      {java.util.Arrays.copyOf(valid, valid.length / 2), "malformed"},
      {WasmModules.command().withInvalidBody().build(), "invalid"},
      {WasmModules.command().withoutStart().build(), "_start"},
      {WasmModules.command().startTakingAParameter().build(), "_start"},
      {WasmModules.command().withoutMemoryExport().build(), "memory"},
      {WasmModules.command().importFunction("env", "log").build(), "env.log"},
      {WasmModules.command().importGlobal("wasi_snapshot_preview1", "g").build(), "global"},
    };
    for (Object[] c : cases) {
      TestAgents.upload(user, TestAgents.metadata("x"), (byte[]) c[0])
          .statusCode(422)
          .contentType(PROBLEM)
          .body("type", equalTo("/problems/invalid-wasm"))
          .body("detail", containsString((String) c[1]));
    }
  }

  @Test
  void aBinaryOverTheLimitIsRefusedAndNotStored() throws Exception {
    TestUser user = TestUsers.register();
    long limit = config.upload().maxBinarySize().asLongValue();
    Path tooLarge = Files.createTempFile("too-large", ".wasm");
    try {
      try (RandomAccessFile file = new RandomAccessFile(tooLarge.toFile(), "rw")) {
        file.write(WasmModules.valid("big", 64));
        file.setLength(limit + 1);
      }
      user.request()
          .multiPart("metadata", TestAgents.json(TestAgents.metadata("x")), "application/json")
          .multiPart("binary", tooLarge.toFile(), "application/wasm")
          .post("/agents")
          .then()
          .statusCode(413)
          .contentType(PROBLEM)
          .body("type", equalTo("/problems/binary-too-large"))
          .body("detail", containsString(String.valueOf(limit)));
    } finally {
      Files.delete(tooLarge);
    }
  }

  @Test
  void aBodyDeclaredOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
    TestUser user = TestUsers.register();
    String response =
        RawHttp.sendHeadersOnly(
            "POST /agents HTTP/1.1\r\n"
                + "Host: localhost\r\n"
                + "Authorization: Bearer "
                + user.apiKey()
                + "\r\n"
                + "Content-Type: multipart/form-data; boundary=b\r\n"
                + "Content-Length: 600000000\r\n"
                + "Expect: 100-continue\r\n\r\n");
    assertTrue(response.startsWith("HTTP/1.1 413"), response);
    assertTrue(response.contains("application/problem+json"), response);
    assertTrue(response.contains("/problems/binary-too-large"), response);
  }

  @Test
  void theSameBinaryIsStoredOnceForEveryAgentThatUsesIt() throws Exception {
    TestUser user = TestUsers.register();
    byte[] module = TestAgents.uniqueModule();
    String name = "shared-" + UUID.randomUUID().toString().substring(0, 8);
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<String>> uploads = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        Map<String, Object> metadata = TestAgents.metadata("same bytes");
        metadata.put("name", name);
        metadata.put("version", "1.0." + i);
        Callable<String> upload =
            () ->
                TestAgents.upload(user, metadata, module)
                    .statusCode(201)
                    .extract()
                    .path("binaryHash");
        uploads.add(pool.submit(upload));
      }
      Set<String> hashes = new HashSet<>();
      for (Future<String> upload : uploads) {
        hashes.add(upload.get());
      }
      assertEquals(Set.of(TestAgents.sha256(module)), hashes);
    } finally {
      pool.shutdownNow();
    }
    assertTrue(blobs.exists(BinaryKeys.forHash(TestAgents.sha256(module))));
  }

  @Test
  void aVersionConflictIsRefusedAndLeavesNoOrphanBinary() {
    TestUser user = TestUsers.register();
    Map<String, Object> metadata = TestAgents.metadata("first");
    byte[] first = TestAgents.uniqueModule();
    byte[] second = TestAgents.uniqueModule();
    TestAgents.upload(user, metadata, first).statusCode(201);

    TestAgents.upload(user, metadata, second)
        .statusCode(409)
        .contentType(PROBLEM)
        .body("type", equalTo("/problems/version-exists"));
    metadata.put("version", "1.0.0+other.build");
    TestAgents.upload(user, metadata, first)
        .statusCode(409)
        .body("type", equalTo("/problems/version-exists"));

    assertFalse(blobs.exists(BinaryKeys.forHash(TestAgents.sha256(second))));
    assertTrue(blobs.exists(BinaryKeys.forHash(TestAgents.sha256(first))));
  }

  @Test
  void aFailedUploadNeverRemovesABinaryThatAConcurrentUploadKeeps() throws Exception {
    TestUser user = TestUsers.register();
    Map<String, Object> taken = TestAgents.metadata("taken");
    TestAgents.upload(user, taken, TestAgents.uniqueModule()).statusCode(201);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 5; round++) {
        byte[] module = TestAgents.uniqueModule();
        Map<String, Object> fresh = new java.util.HashMap<>(taken);
        fresh.put("version", "2.0." + round);
        Future<Integer> failing =
            pool.submit(() -> TestAgents.upload(user, taken, module).extract().statusCode());
        Future<Integer> succeeding =
            pool.submit(() -> TestAgents.upload(user, fresh, module).extract().statusCode());
        assertEquals(409, failing.get());
        assertEquals(201, succeeding.get());
        assertTrue(blobs.exists(BinaryKeys.forHash(TestAgents.sha256(module))), "round " + round);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anotherOwnerMayUseTheSameNameAndVersion() {
    Map<String, Object> metadata = TestAgents.metadata("same name");
    TestAgents.upload(TestUsers.register(), metadata, TestAgents.uniqueModule()).statusCode(201);
    TestAgents.upload(TestUsers.register(), metadata, TestAgents.uniqueModule()).statusCode(201);
  }

  @Test
  void whenTheStoreIsDownTheUploadIs503AndWritesNoRow() {
    TestUser user = TestUsers.register();
    QuarkusMock.installMockForType(new BlobStore(unreachableS3(), config), BlobStore.class);

    TestAgents.upload(user, TestAgents.metadata("x"), TestAgents.uniqueModule())
        .statusCode(503)
        .contentType(PROBLEM)
        .header("Retry-After", notNullValue())
        .body("type", equalTo("/problems/storage-unavailable"))
        .body("detail", containsString("unavailable"));
    long rows =
        pool.preparedQuery("SELECT count(*) AS n FROM agents WHERE owner_id = $1")
            .execute(Tuple.of(user.id()))
            .await()
            .indefinitely()
            .iterator()
            .next()
            .getLong("n");
    assertEquals(0, rows);
  }

  @Test
  void theOwnerDownloadsTheBinaryWithItsHashAsETag() {
    TestUser owner = TestUsers.register();
    byte[] module = TestAgents.uniqueModule();
    String id =
        TestAgents.upload(owner, TestAgents.metadata("x"), module)
            .statusCode(201)
            .extract()
            .path("id");
    String hash = TestAgents.sha256(module);

    byte[] downloaded =
        owner
            .request()
            .get("/agents/" + id + "/binary")
            .then()
            .statusCode(200)
            .contentType("application/wasm")
            .header("ETag", equalTo("\"" + hash + "\""))
            .extract()
            .asByteArray();
    assertArrayEquals(module, downloaded);
    owner
        .request()
        .header("If-None-Match", "\"" + hash + "\"")
        .get("/agents/" + id + "/binary")
        .then()
        .statusCode(304);
  }

  @Test
  void onlyTheOwnerMayDownloadTheBinary() {
    TestUser owner = TestUsers.register();
    String id = TestAgents.create(owner, TestAgents.metadata("x"));

    TestUsers.register()
        .request()
        .get("/agents/" + id + "/binary")
        .then()
        .statusCode(403)
        .contentType(PROBLEM)
        .body("type", equalTo("/problems/forbidden"));
    owner
        .request()
        .get("/agents/" + UUID.randomUUID() + "/binary")
        .then()
        .statusCode(404)
        .contentType(PROBLEM)
        .body("type", equalTo("/problems/agent-not-found"));
    given().get("/agents/" + id + "/binary").then().statusCode(401).contentType(PROBLEM);
  }

  private static S3Client unreachableS3() {
    return S3Client.builder()
        .endpointOverride(URI.create("http://127.0.0.1:9"))
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }
}
