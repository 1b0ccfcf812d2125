package io.agentry.localstack.launcher;

import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * Exit code 0 when anything of this {@code ./agentry} runs, else 1: the script rebuilds stale
 * sources only when nothing runs, since a build replaces the jars of running services.
 */
@Command(name = "running", hidden = true)
final class RunningCommand implements Callable<Integer> {

  @ParentCommand private Launcher launcher;

  @Override
  public Integer call() {
    OwnProcesses processes = launcher.processes();
    boolean any =
        Arrays.stream(Part.values())
            .anyMatch(
                part ->
                    part == Part.POSTGRES
                        ? processes.postmaster().isPresent()
                        : processes.isRunning(part));
    return any ? 0 : 1;
  }
}
