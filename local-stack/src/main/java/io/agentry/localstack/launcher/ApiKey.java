package io.agentry.localstack.launcher;

import io.agentry.localstack.LocalTopology;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The local API key in {@code .agentry/data/api-key}: the command-line client's hidden {@code
 * ensure-key FILE} registers a local user when needed and writes a key that works.
 */
final class ApiKey {

  private static final long TIMEOUT_SECONDS = 120;

  private final AgentryHome home;
  private final LocalTopology topology;
  private final PrintWriter err;

  ApiKey(AgentryHome home, LocalTopology topology, PrintWriter err) {
    this.home = home;
    this.topology = topology;
    this.err = err;
  }

  /** The key, or empty (with a warning) when the client could not make one. */
  Optional<String> ensure() {
    Path log = home.log("api-key");
    Path cli = home.root().resolve("cli/target");
    try {
      String classpath =
          cli.resolve("classes")
              + File.pathSeparator
              + Files.readString(cli.resolve("runtime-classpath.txt")).trim();
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(LocalTopology.CLIENT_JVM);
      command.add("-Djava.io.tmpdir=" + home.tmp("cli"));
      command.addAll(
          List.of("-cp", classpath, "io.agentry.cli.Main", "ensure-key", home.apiKey().toString()));
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(home.root().toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      builder.environment().put("AGENTRY_URL", topology.apiUrl());
      builder.environment().put("AGENTRY_KEY_FILE", home.apiKey().toString());
      Process process = builder.start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return warn("it took more than " + TIMEOUT_SECONDS + "s");
      }
      if (process.exitValue() != 0) {
        List<String> last = LogTail.lastLines(log, 1);
        return warn(last.isEmpty() ? "exit code " + process.exitValue() : last.get(0));
      }
      String key = Files.readString(home.apiKey()).trim();
      return key.isEmpty() ? warn("it wrote an empty key") : Optional.of(key);
    } catch (IOException e) {
      return warn(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return warn("interrupted");
    }
  }

  private Optional<String> warn(String why) {
    err.println("could not create a local API key: " + why + " (see .agentry/logs/api-key.log)");
    return Optional.empty();
  }
}
