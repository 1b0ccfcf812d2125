package io.agentry.cli;

import io.agentry.client.AgentryClient;
import io.agentry.client.ApiException;
import io.agentry.client.model.Registration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Users made for the local platform: the demo's, and the key {@code ./agentry up} prints. */
final class LocalKey {

  private static final SecureRandom RANDOM = new SecureRandom();

  private LocalKey() {}

  /** Registers a new user named {@code prefix-<random>} with a random password. */
  static Registration register(AgentryClient anonymous, String prefix) {
    return anonymous.register(prefix + "-" + random(4), random(24));
  }

  /**
   * The API key saved in {@code file} while it still works; otherwise a new local user's key, saved
   * there (readable by its owner only).
   */
  static String ensure(AgentryClient anonymous, Path file) {
    if (Files.isRegularFile(file)) {
      String saved = read(file);
      try {
        anonymous.as(saved).me();
        return saved;
      } catch (ApiException stale) {
        // The user is gone (data reset) or the key was revoked: make a new one.
      }
    }
    String key = register(anonymous, "local").apiKey();
    write(file, key);
    return key;
  }

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
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new CliException("cannot save the API key in " + file + ": " + e.getMessage());
    }
  }
}
