package io.agentry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileTest {

  @TempDir Path home;

  @Test
  void theConfigFolderFollowsXdgOnLinuxAndTheUsualPlaceOnMacOs() {
    assertEquals(
        home.resolve("xdg").resolve("agentry"),
        ConfigLocation.directory(
            Map.of("XDG_CONFIG_HOME", home.resolve("xdg").toString()), "Linux", home));
    assertEquals(
        home.resolve(".config").resolve("agentry"),
        ConfigLocation.directory(Map.of(), "Linux", home));
    assertEquals(
        home.resolve(".config").resolve("agentry"),
        ConfigLocation.directory(Map.of("XDG_CONFIG_HOME", "relative/dir"), "Linux", home));
    assertEquals(
        home.resolve("Library").resolve("Application Support").resolve("agentry"),
        ConfigLocation.directory(
            Map.of("XDG_CONFIG_HOME", home.resolve("xdg").toString()), "Mac OS X", home));
  }

  @Test
  void aSavedProfileIsReadBackAndOnlyItsOwnerMayReadIt() throws Exception {
    Path dir = home.resolve("config").resolve("agentry");
    UUID keyId = UUID.randomUUID();
    Profile profile = new Profile("http://127.0.0.1:8080/api/v1", "agy_secret", "alice", keyId);

    Path file = profile.save(dir);

    assertEquals(dir.resolve("profile.properties"), file);
    assertEquals(Optional.of(profile), Profile.load(dir));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    assertFalse(profile.toString().contains("agy_secret"), profile.toString());
    assertTrue(profile.hasApiKey());
  }

  @Test
  void savingAgainReplacesTheProfileAndDeletingRemovesIt() {
    Profile first = new Profile("http://a/api/v1", "agy_one", "alice", null);
    Profile second = new Profile("http://b/api/v1", "eyJ.token", "bob", null);
    first.save(home);
    second.save(home);
    assertEquals(Optional.of(second), Profile.load(home));
    assertFalse(second.hasApiKey());
    assertTrue(Profile.delete(home));
    assertEquals(Optional.empty(), Profile.load(home));
    assertFalse(Profile.delete(home));
  }
}
