package io.agentry.localstack.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a Java process that outlives the launcher: detached from the terminal (it ignores the
 * hang-up of a closed terminal and the Ctrl-C meant for the launcher, which reach the whole process
 * group), with no input and its output appended to its log. {@code down} stops it with SIGTERM.
 */
final class Detached {

  /**
   * Ignored signals stay ignored across {@code exec}, and the JVM keeps ignoring a SIGINT or SIGHUP
   * it was started with ignored. {@code exec} keeps the PID, so the PID is the Java process's.
   */
  private static final String IGNORE_TERMINAL_SIGNALS = "trap '' HUP INT; exec \"$0\" \"$@\"";

  private Detached() {}

  /**
   * Runs {@code java <args>} with the Java that runs the launcher, in {@code workDir}, with {@code
   * environment} added to its environment and {@code TMPDIR} set to {@code tmp}.
   */
  static Process startJava(
      String name,
      List<String> args,
      Map<String, String> environment,
      Path workDir,
      Path tmp,
      Path log) {
    List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", IGNORE_TERMINAL_SIGNALS));
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(args);
    try {
      Files.createDirectories(log.getParent());
      Files.writeString(
          log,
          "\n=== "
              + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"))
              + " starting "
              + name
              + "\n",
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      builder.environment().putAll(environment);
      builder.environment().put("TMPDIR", tmp.toString());
      return builder.start();
    } catch (IOException e) {
      throw new LaunchException("could not start " + name + ": " + e.getMessage(), e);
    }
  }
}
