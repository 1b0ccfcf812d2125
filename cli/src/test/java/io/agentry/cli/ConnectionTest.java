package io.agentry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionTest {

  private static final String REMOTE = "https://agentry.example.com/api/v1";

  @TempDir Path dir;

  private final Optional<Profile> profile =
      Optional.of(new Profile(REMOTE, "agy_profile", "alice", null));

  @Test
  void optionsComeFirst() {
    Connection connection =
        Connection.resolve(
            "http://10.0.0.1/api/v1",
            "agy_option",
            Map.of("AGENTRY_URL", REMOTE, "AGENTRY_API_KEY", "agy_env"),
            profile);
    assertEquals(new Connection("http://10.0.0.1/api/v1", "agy_option", "--api-key"), connection);
  }

  @Test
  void theEnvironmentComesBeforeTheProfile() {
    Connection connection =
        Connection.resolve(
            null,
            null,
            Map.of("AGENTRY_URL", "http://h/api/v1", "AGENTRY_API_KEY", "agy_env"),
            profile);
    assertEquals(new Connection("http://h/api/v1", "agy_env", "AGENTRY_API_KEY"), connection);
  }

  @Test
  void theProfileGivesItsUrlAndItsKey() {
    assertEquals(
        new Connection(REMOTE, "agy_profile", "the saved profile"),
        Connection.resolve(null, null, Map.of(), profile));
    assertEquals(
        new Connection(REMOTE, "agy_profile", "the saved profile"),
        Connection.resolve(REMOTE + "/", null, Map.of(), profile));
  }

  @Test
  void theProfilesKeyIsNotSentToAnotherUrl() throws Exception {
    Path keyFile = Files.writeString(dir.resolve("api-key"), "agy_local\n");
    Connection connection =
        Connection.resolve(
            Connection.DEFAULT_URL, null, Map.of("AGENTRY_KEY_FILE", keyFile.toString()), profile);
    assertEquals(Connection.DEFAULT_URL, connection.url());
    assertEquals("agy_local", connection.credential());
    assertTrue(connection.source().startsWith("the local key file"), connection.source());
  }

  @Test
  void withNothingTheLocalPlatformIsMeantAndTheMissingKeyIsExplained() {
    Connection connection =
        Connection.resolve(
            null,
            null,
            Map.of("AGENTRY_KEY_FILE", dir.resolve("none").toString()),
            Optional.empty());
    assertEquals(Connection.DEFAULT_URL, connection.url());
    assertNull(connection.credential());
    CliException e = assertThrows(CliException.class, connection::requireCredential);
    assertTrue(e.getMessage().contains("agentry login"), e.getMessage());
    assertEquals(CliException.FAILURE, e.exitCode());
  }

  @Test
  void theCredentialNeverShowsInItsText() {
    assertTrue(
        !Connection.resolve(null, "agy_secret", Map.of(), Optional.empty())
            .toString()
            .contains("agy_secret"));
  }
}
