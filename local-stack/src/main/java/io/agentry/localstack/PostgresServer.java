package io.agentry.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real PostgreSQL 17 from the zonky binaries, run by pg_ctl on 127.0.0.1, with the platform's
 * role and one database per stateful service.
 */
final class PostgresServer implements Server {

  private static final System.Logger LOG = System.getLogger(PostgresServer.class.getName());
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final String WORKING_DIR_PROPERTY = "ot.epg.working-dir";

  private final EmbeddedPostgres postgres;
  private final Path dataDir;

  private PostgresServer(EmbeddedPostgres postgres, Path dataDir) {
    this.postgres = postgres;
    this.dataDir = dataDir;
  }

  static PostgresServer start(StackOptions options, int port) {
    Path dataDir = options.dataDir(Component.POSTGRES);
    Path log = options.logFile(Component.POSTGRES);
    try {
      Files.createDirectories(dataDir);
      Files.createDirectories(log.getParent());
      Path binaries = options.postgresBinaries();
      PostgresBinaries.prepare(binaries);
      EmbeddedPostgres postgres =
          builder(binaries)
              .setOverrideWorkingDirectory(binaries.toFile())
              .setPort(port)
              .setDataDirectory(dataDir)
              // Never deleted here: LocalStack deletes a throw-away stack's data itself, so that a
              // server stopped in the middle of a test can start again with what it had.
              .setCleanDataDirectory(false)
              .setServerConfig("listen_addresses", "127.0.0.1")
              // TCP only: the binaries' default socket folder is the shared /tmp.
              .setServerConfig("unix_socket_directories", "''")
              .setServerConfig("max_connections", "200")
              // A commit is on disk when acknowledged (the library's default is off): a server
              // killed and started again keeps every acknowledged row, as in production.
              .setServerConfig("synchronous_commit", "on")
              .setPGStartupWait(STARTUP_TIMEOUT)
              .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      PostgresServer server = new PostgresServer(postgres, dataDir);
      server.createRoleAndDatabases(port);
      LOG.log(System.Logger.Level.INFO, "PostgreSQL ready on 127.0.0.1:{0,number,#}", port);
      return server;
    } catch (IOException | SQLException e) {
      throw new StackException("PostgreSQL did not start: " + e.getMessage(), e);
    }
  }

  /**
   * zonky's builder, with its own scratch folder (where it looks for old data directories) in the
   * binaries folder instead of the shared temp folder: the builder reads it from a system property.
   */
  private static synchronized EmbeddedPostgres.Builder builder(Path binaries) {
    System.setProperty(WORKING_DIR_PROPERTY, binaries.toString());
    return EmbeddedPostgres.builder();
  }

  private void createRoleAndDatabases(int port) throws SQLException {
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    try (Connection connection = DriverManager.getConnection(url, "postgres", "");
        Statement statement = connection.createStatement()) {
      if (!exists(
          connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", Endpoints.DATABASE_USER)) {
        statement.execute(
            "CREATE ROLE "
                + Endpoints.DATABASE_USER
                + " LOGIN PASSWORD '"
                + Endpoints.DATABASE_PASSWORD
                + "'");
      }
      for (String database : Endpoints.DATABASES) {
        if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
          statement.execute("CREATE DATABASE " + database + " OWNER " + Endpoints.DATABASE_USER);
        }
      }
    }
  }

  private static boolean exists(Connection connection, String query, String name)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(query)) {
      statement.setString(1, name);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next();
      }
    }
  }

  @Override
  public Component component() {
    return Component.POSTGRES;
  }

  /** The postmaster's PID, from the first line of {@code postmaster.pid}. */
  @Override
  public OptionalLong pid() {
    try {
      String first = Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim();
      return OptionalLong.of(Long.parseLong(first));
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  @Override
  public boolean isAlive() {
    OptionalLong pid = pid();
    return pid.isPresent()
        && ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive).orElse(false);
  }

  @Override
  public void kill() {
    postmaster().ifPresent(postmaster -> awaitExit(postmaster, postmaster.destroyForcibly()));
    // Releases the data directory's lock, so that the server can start again in this JVM (pg_ctl,
    // finding no server, logs that it could not stop it).
    close();
  }

  private Optional<ProcessHandle> postmaster() {
    OptionalLong pid = pid();
    return pid.isPresent() ? ProcessHandle.of(pid.getAsLong()) : Optional.empty();
  }

  private static void awaitExit(ProcessHandle postmaster, boolean signalled) {
    try {
      postmaster.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "PostgreSQL did not stop within " + STOP_TIMEOUT + " (signalled: " + signalled + ")",
          e);
    }
  }

  /** A fast shutdown ({@code pg_ctl stop -m fast}); the data stays (see {@link #start}). */
  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "PostgreSQL did not stop cleanly", e);
    }
  }
}
