package io.agentry.cli;

import io.agentry.client.AgentryClient;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What every command works with: the environment, the streams, the configuration folder and the
 * global options, from which it gets its {@link Connection} and clients.
 */
final class Context {

  final Map<String, String> env;
  final PrintStream out;
  final PrintStream err;
  final InputStream in;
  final Progress progress;
  final Path configDirectory;

  /** {@code --url}, or null. */
  String urlOption;

  /** {@code --api-key}, or null. */
  String keyOption;

  Context(
      Map<String, String> env, PrintStream out, PrintStream err, InputStream in, boolean terminal) {
    this.env = env;
    this.out = out;
    this.err = err;
    this.in = in;
    this.progress = new Progress(err, terminal);
    this.configDirectory = ConfigLocation.directory(env);
  }

  Optional<Profile> profile() {
    return Profile.load(configDirectory);
  }

  Connection connection() {
    return Connection.resolve(urlOption, keyOption, env, profile());
  }

  /** A client without credentials (register, login). */
  AgentryClient anonymous() {
    return AgentryClient.of(connection().url());
  }

  /**
   * A client with the credentials in effect; a failure saying how to get some when there are none.
   */
  AgentryClient client() {
    Connection connection = connection();
    return AgentryClient.of(connection.url()).as(connection.requireCredential());
  }
}
