package io.agentry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/** Registers users and keeps the local API key that {@code ./agentry up} prints. */
final class Accounts {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Api anonymous;

  Accounts(Api anonymous) {
    this.anonymous = anonymous;
  }

  /** Registers a new user named {@code prefix-<random>} with a random password. */
  Registered register(String prefix) {
    String username = prefix + "-" + random(4);
    JsonNode user =
        anonymous.postJson(
            "/users/register", Map.of("username", username, "password", random(24)), Map.of());
    return new Registered(username, user.path("apiKey").asText());
  }

  /**
   * The API key saved in {@code file} while it still works; otherwise a new local user's key, saved
   * there (readable by its owner only).
   */
  String ensureKey(Path file) {
    if (Files.isRegularFile(file)) {
      String saved = read(file);
      try {
        anonymous.as(saved).get("/users/me");
        return saved;
      } catch (CliException stale) {
        // The user is gone (data reset) or the key was revoked: make a new one.
      }
    }
    String key = register("local").apiKey();
    write(file, key);
    return key;
  }

  record Registered(String username, String apiKey) {}

  private static String random(int bytes) {
    byte[] value = new byte[bytes];
    RANDOM.nextBytes(value);
    return HexFormat.of().formatHex(value);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file).trim();
    } catch (IOException e) {
      throw new CliException("cannot read " + file + ": " + e.getMessage());
    }
  }

  private static void write(Path file, String key) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
      Files.deleteIfExists(temporary);
      Files.createFile(
          temporary,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(temporary, key + "\n");
      Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new CliException("cannot save the API key in " + file + ": " + e.getMessage());
    }
  }
}
