package io.agentry.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * The saved connection of {@code register} and {@code login}: the API's URL, the credential (an API
 * key, or a login token), the username and, when {@code login} created the key, its id (so that
 * {@code logout} can revoke it). Kept in {@code profile.properties} of the configuration folder,
 * readable and writable by its owner only.
 *
 * @param keyId the id of the API key {@code login} created for this profile, or null
 */
record Profile(String url, String credential, String username, UUID keyId) {

  static final String FILE_NAME = "profile.properties";

  /** The profile saved in {@code directory}, if there is one. */
  static Optional<Profile> load(Path directory) {
    Path file = directory.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new CliException("cannot read the profile " + file + ": " + e.getMessage());
    }
    String url = properties.getProperty("url");
    String credential = properties.getProperty("credential");
    if (url == null || credential == null) {
      throw new CliException(
          "the profile " + file + " lacks its url or credential: log in again (agentry login)");
    }
    String keyId = properties.getProperty("keyId");
    return Optional.of(
        new Profile(
            url,
            credential,
            properties.getProperty("username"),
            keyId == null ? null : UUID.fromString(keyId)));
  }

  /** Saves this profile in {@code directory} (mode 700), as a file only its owner can read. */
  Path save(Path directory) {
    Path file = directory.resolve(FILE_NAME);
    Properties properties = new Properties();
    properties.setProperty("url", url);
    properties.setProperty("credential", credential);
    if (username != null) {
      properties.setProperty("username", username);
    }
    if (keyId != null) {
      properties.setProperty("keyId", keyId.toString());
    }
    StringWriter text = new StringWriter();
    try {
      properties.store(text, "agentry profile: written by agentry register/login");
      createPrivateDirectory(directory);
      Path temporary = directory.resolve(FILE_NAME + ".tmp");
      Files.deleteIfExists(temporary);
      createPrivateFile(temporary);
      Files.writeString(temporary, text.toString(), StandardCharsets.UTF_8);
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AccessDeniedException e) {
      throw new CliException("cannot save the profile in " + directory + ": permission denied");
    } catch (IOException e) {
      throw new CliException("cannot save the profile in " + directory + ": " + e.getMessage());
    }
    return file;
  }

  /** Deletes the profile in {@code directory}; false when there was none. */
  static boolean delete(Path directory) {
    try {
      return Files.deleteIfExists(directory.resolve(FILE_NAME));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Without the credential, which must not reach a log. */
  @Override
  public String toString() {
    return "Profile[url=" + url + ", username=" + username + "]";
  }

  /** True when the credential is an API key (it does not expire), not a login token. */
  boolean hasApiKey() {
    return credential.startsWith("agy_");
  }

  private static void createPrivateDirectory(Path directory) throws IOException {
    if (Files.isDirectory(directory)) {
      return;
    }
    try {
      Files.createDirectories(
          directory,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createDirectories(directory);
    } catch (FileAlreadyExistsException e) {
      // Made meanwhile.
    }
  }

  private static void createPrivateFile(Path file) throws IOException {
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file);
    }
  }
}
