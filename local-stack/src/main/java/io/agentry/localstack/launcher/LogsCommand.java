package io.agentry.localstack.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The last lines of one log, and with {@code -f} what is appended to it until Ctrl-C. */
@Command(
    name = "logs",
    description = {
      "Show the last 200 lines of a log: " + LogsCommand.NAMES_TEXT + ".",
      "Example: ./agentry logs gateway -f"
    })
final class LogsCommand implements Callable<Integer> {

  static final List<String> NAMES =
      List.of(
          "infra",
          "postgres",
          "kafka",
          "s3",
          "registry",
          "results",
          "executor",
          "gateway",
          "build",
          "api-key");
  static final String NAMES_TEXT =
      "infra, postgres, kafka, s3, registry, results, executor, gateway, build, api-key";

  private static final int LINES = 200;
  private static final long POLL_MILLIS = 250;

  @ParentCommand private Launcher launcher;
  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "NAME", description = "which log")
  private String name;

  @Option(
      names = {"-f", "--follow"},
      description = "keep printing what is appended")
  private boolean follow;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (!NAMES.contains(name)) {
      throw new ParameterException(
          spec.commandLine(), "unknown log: " + name + "; valid names: " + NAMES_TEXT);
    }
    Path file = launcher.home().log(name);
    if (!Files.exists(file)) {
      throw new LaunchException("no log for " + name + " yet (.agentry/logs/" + name + ".log)");
    }
    LogTail.lastLines(file, LINES).forEach(launcher.out()::println);
    launcher.out().flush();
    if (follow) {
      follow(file);
    }
    return 0;
  }

  /** Prints what is appended; starts over when the file is truncated or replaced. */
  private void follow(Path file) throws IOException, InterruptedException {
    long position = Files.size(file);
    while (true) {
      Thread.sleep(POLL_MILLIS);
      if (!Files.exists(file)) {
        continue;
      }
      long size = Files.size(file);
      if (size < position) {
        position = 0;
      }
      if (size > position) {
        try (InputStream in = Files.newInputStream(file)) {
          in.skipNBytes(position);
          byte[] added = in.readNBytes((int) Math.min(size - position, 1 << 20));
          System.out.write(added);
          System.out.flush();
          position += added.length;
        }
      }
    }
  }
}
