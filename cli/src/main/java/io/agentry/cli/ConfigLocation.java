package io.agentry.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the client keeps its profile: the user's configuration folder, never the repository. {@code
 * $XDG_CONFIG_HOME/agentry} (else {@code ~/.config/agentry}) on Linux and other Unix systems,
 * {@code ~/Library/Application Support/agentry} on macOS, {@code %APPDATA%\agentry} on Windows.
 */
final class ConfigLocation {

  private ConfigLocation() {}

  /** The folder for this machine's user. */
  static Path directory(Map<String, String> env) {
    return directory(
        env, System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")));
  }

  static Path directory(Map<String, String> env, String osName, Path home) {
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.startsWith("mac") || os.startsWith("darwin")) {
      return home.resolve("Library").resolve("Application Support").resolve("agentry");
    }
    if (os.startsWith("windows") && isAbsolute(env.get("APPDATA"))) {
      return Path.of(env.get("APPDATA"), "agentry");
    }
    String xdg = env.get("XDG_CONFIG_HOME");
    // The XDG specification: a relative path is invalid and must be ignored.
    if (isAbsolute(xdg)) {
      return Path.of(xdg, "agentry");
    }
    return home.resolve(".config").resolve("agentry");
  }

  private static boolean isAbsolute(String path) {
    return path != null && !path.isBlank() && Path.of(path).isAbsolute();
  }
}
