package io.agentry.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentry.localstack.LocalStackTestResource;
import io.agentry.registry.repository.UserRepository;
import io.agentry.registry.storage.BlobStore;
import io.agentry.registry.storage.StoredBlob;
import io.agentry.wire.BinaryKeys;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    value = LocalStackTestResource.class,
    initArgs = {
      @ResourceArg(name = "components", value = "postgres,kafka,s3"),
      @ResourceArg(name = "database", value = "registry")
    })
class RegistryConnectionsTest {

  @Inject UserRepository users;
  @Inject BlobStore blobs;

  @Test
  void aUserRowIsWrittenAndReadBack() {
    String username = "user-" + UUID.randomUUID();

    User inserted =
        users.insert(username, "$2a$10$notarealhashbutshapedlikeone").await().indefinitely();
    User read = users.findById(inserted.id()).await().indefinitely().orElseThrow();

    assertEquals(username, read.username());
    assertEquals(inserted, read);
  }

  @Test
  void anUnknownUserIsNotFound() {
    assertTrue(users.findById(UUID.randomUUID()).await().indefinitely().isEmpty());
  }

  @Test
  void aBinaryIsStoredUnderItsHashAndReadBack() throws Exception {
    byte[] content = ("\0asm agent " + UUID.randomUUID()).getBytes();
    Path file = Files.createTempFile("agent", ".wasm");
    Files.write(file, content);
    String expectedHash =
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));

    StoredBlob stored = blobs.put(file);
    StoredBlob again = blobs.put(file);

    assertEquals(expectedHash, stored.sha256());
    assertEquals(content.length, stored.size());
    assertEquals(BinaryKeys.forHash(expectedHash), stored.key());
    assertEquals(stored, again);
    try (InputStream in = blobs.open(expectedHash)) {
      assertArrayEquals(content, in.readAllBytes());
    }
  }

  @Test
  void readinessReportsTheDatabaseAndTheBinaryStoreUp() {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItems("binary store"));
  }

  @Test
  void metricsAndOpenApiAreServed() {
    given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    given().get("/q/openapi").then().statusCode(200).body(containsString("openapi"));
  }
}
