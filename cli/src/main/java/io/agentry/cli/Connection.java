package io.agentry.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The API's URL and the credential a command uses, and where each came from. Precedence, first
 * found wins: the {@code --url} and {@code --api-key} options; the {@code AGENTRY_URL} and {@code
 * AGENTRY_API_KEY} environment variables; the saved profile (its credential only when the URL in
 * use is the profile's); the key file of the local platform ({@code AGENTRY_KEY_FILE}, which {@code
 * ./agentry} sets); for the URL, the local gateway.
 *
 * @param credential the API key or token, or null when none was found
 * @param source where the credential came from, for messages
 */
record Connection(String url, String credential, String source) {

  static final String DEFAULT_URL = "http://127.0.0.1:8080/api/v1";

  static Connection resolve(
      String urlOption, String keyOption, Map<String, String> env, Optional<Profile> profile) {
    String url =
        trim(
            first(
                urlOption,
                env.get("AGENTRY_URL"),
                profile.map(Profile::url).orElse(null),
                DEFAULT_URL));
    if (present(keyOption)) {
      return new Connection(url, keyOption, "--api-key");
    }
    if (present(env.get("AGENTRY_API_KEY"))) {
      return new Connection(url, env.get("AGENTRY_API_KEY"), "AGENTRY_API_KEY");
    }
    if (profile.isPresent() && sameUrl(profile.get().url(), url)) {
      return new Connection(url, profile.get().credential(), "the saved profile");
    }
    String keyFile = env.get("AGENTRY_KEY_FILE");
    if (present(keyFile) && Files.isRegularFile(Path.of(keyFile))) {
      return new Connection(url, readKey(Path.of(keyFile)), "the local key file " + keyFile);
    }
    return new Connection(url, null, null);
  }

  /** The credential, or a usage-free failure that says how to get one. */
  String requireCredential() {
    if (credential == null) {
      throw new CliException(
          "no credentials for "
              + url
              + ": run 'agentry login' or 'agentry register', set AGENTRY_API_KEY, or start the"
              + " local platform with ./agentry up");
    }
    return credential;
  }

  @Override
  public String toString() {
    return "Connection[url=" + url + ", credential from " + source + "]";
  }

  static boolean sameUrl(String a, String b) {
    return trim(a).equalsIgnoreCase(trim(b));
  }

  private static String trim(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static String readKey(Path file) {
    try {
      return Files.readString(file).trim();
    } catch (IOException e) {
      throw new CliException("cannot read the API key in " + file + ": " + e.getMessage());
    }
  }

  private static String first(String... values) {
    for (String value : values) {
      if (present(value)) {
        return value;
      }
    }
    return null;
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
