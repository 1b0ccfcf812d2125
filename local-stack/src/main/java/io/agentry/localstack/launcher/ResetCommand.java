package io.agentry.localstack.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * Deletes the local data (with the saved API key, whose user is in that data), the logs and the
 * temp folders; keeps the unpacked PostgreSQL binaries.
 */
@Command(
    name = "reset",
    description = {
      "Delete local data and logs (after ./agentry down); the PostgreSQL binaries stay.",
      "Example: ./agentry down && ./agentry reset"
    })
final class ResetCommand implements Callable<Integer> {

  @ParentCommand private Launcher launcher;

  @Override
  public Integer call() {
    AgentryHome home = launcher.home();
    home.create();
    try (LauncherLock lock = LauncherLock.take(home.run().resolve("lock"))) {
      OwnProcesses processes = launcher.processes();
      for (Part part : Part.values()) {
        boolean running =
            part == Part.POSTGRES ? processes.postmaster().isPresent() : processes.isRunning(part);
        if (running) {
          throw new LaunchException(part.label() + " is running; run ./agentry down first");
        }
      }
      deleteTree(home.data());
      deleteTree(home.logs());
      deleteTree(home.state().resolve("tmp"));
      launcher.out().println("deleted .agentry/data, .agentry/logs and .agentry/tmp");
      return 0;
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException | UncheckedIOException e) {
      throw new LaunchException("could not delete " + root + ": " + e.getMessage(), e);
    }
  }
}
