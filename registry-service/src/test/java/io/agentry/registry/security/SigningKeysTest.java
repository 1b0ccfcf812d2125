package io.agentry.registry.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {

  @TempDir Path dir;

  @Test
  void aGeneratedPairIsWrittenOwnerOnlyAndReusedLater() throws Exception {
    Path keys = dir.resolve("nested/keys");
    SigningKeys first = new SigningKeys(Optional.empty(), Optional.empty(), keys);
    SigningKeys second = new SigningKeys(Optional.empty(), Optional.empty(), keys);

    assertEquals(first.keyId(), second.keyId());
    assertEquals(first.publicKey(), second.publicKey());
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(keys.resolve("private-key.pem"))));
  }

  @Test
  void configuredPemFilesAreUsed() throws Exception {
    SigningKeys generated = new SigningKeys(Optional.empty(), Optional.empty(), dir);
    SigningKeys configured =
        new SigningKeys(
            Optional.of(dir.resolve("private-key.pem")),
            Optional.of(dir.resolve("public-key.pem")),
            dir.resolve("unused"));

    assertEquals(generated.keyId(), configured.keyId());
    assertEquals(false, Files.exists(dir.resolve("unused")));
  }

  @Test
  void onlyOneConfiguredKeyIsRefused() {
    assertThrows(
        IllegalStateException.class,
        () -> new SigningKeys(Optional.of(dir.resolve("a.pem")), Optional.empty(), dir));
  }

  @Test
  void theKeyIdIsTheRfc7638Thumbprint() throws Exception {
    SigningKeys keys = new SigningKeys(Optional.empty(), Optional.empty(), dir);
    var jwk = keys.jwk();
    assertEquals(keys.keyId(), jwk.get("kid"));
    assertEquals(43, keys.keyId().length());
  }
}
