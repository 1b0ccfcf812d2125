package io.agentry.localstack.launcher;

import io.agentry.localstack.LocalTopology;
import io.agentry.localstack.LocalTopology.Port;
import io.agentry.localstack.Ports;
import io.agentry.localstack.launcher.OwnProcesses.Owned;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * Stops the services, then the infrastructure (which stops its servers), then any server a crash
 * left behind, and finally checks that none of the platform's ports is still held by a process of
 * ours.
 */
@Command(
    name = "down",
    description = {"Stop everything ./agentry started.", "Example: ./agentry down"})
final class DownCommand implements Callable<Integer> {

  static final Duration SERVICES_GRACE = Duration.ofSeconds(20);
  static final Duration INFRA_GRACE = Duration.ofSeconds(30);
  static final Duration SERVERS_GRACE = Duration.ofSeconds(15);

  @ParentCommand private Launcher launcher;

  @Override
  public Integer call() {
    AgentryHome home = launcher.home();
    home.create();
    try (LauncherLock lock = LauncherLock.take(home.run().resolve("lock"))) {
      OwnProcesses processes = launcher.processes();
      Stopper stopper = new Stopper(launcher.out(), launcher.err());
      List<Owned> serversBefore = processes.servers();
      List<Owned> services =
          running(processes, List.of(Part.GATEWAY, Part.EXECUTOR, Part.RESULTS, Part.REGISTRY));
      List<Owned> infra = running(processes, List.of(Part.INFRA));
      if (services.isEmpty() && infra.isEmpty() && serversBefore.isEmpty()) {
        launcher.out().println("nothing is running");
      } else {
        stopper.stop(services, SERVICES_GRACE);
        boolean infraKilled = !stopper.stop(infra, INFRA_GRACE).isEmpty();
        // A clean stop of the infrastructure stops its servers; this catches what a crash left.
        List<Owned> servers = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (Owned server : concat(serversBefore, processes.servers())) {
          if (server.handle().isAlive() && seen.add(server.handle().pid())) {
            servers.add(server);
          }
        }
        stopper.stop(servers, infraKilled ? Duration.ZERO : SERVERS_GRACE);
      }
      deleteMarkers(home);
      return verifyPortsFree(processes, launcher.topology()) ? 0 : 1;
    }
  }

  private static List<Owned> running(OwnProcesses processes, List<Part> parts) {
    return parts.stream()
        .flatMap(part -> processes.running(part).map(handle -> new Owned(part, handle)).stream())
        .toList();
  }

  private static List<Owned> concat(List<Owned> first, List<Owned> second) {
    List<Owned> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  /**
   * No port of the platform may still be held by a process of ours: one found by its command line
   * is killed; a port held by another program is only reported.
   */
  private boolean verifyPortsFree(OwnProcesses processes, LocalTopology topology) {
    List<Port> taken = new ArrayList<>();
    for (Port port : Port.values()) {
      if (Ports.inUse(topology.port(port))) {
        taken.add(port);
      }
    }
    if (taken.isEmpty()) {
      return true;
    }
    for (Owned stray : processes.strays()) {
      launcher
          .err()
          .println(
              "a "
                  + stray.part().label()
                  + " process of this ./agentry still runs (pid "
                  + stray.handle().pid()
                  + "); killing it");
      Stopper.kill(stray.handle());
    }
    boolean ok = true;
    for (Port port : taken) {
      int number = topology.port(port);
      if (!Ports.inUse(number)) {
        continue;
      }
      if (processes.strays().isEmpty()) {
        launcher
            .err()
            .println(
                "note: port "
                    + number
                    + " ("
                    + port.label()
                    + ") is still in use by another program, which ./agentry did not start");
      } else {
        launcher.err().println("could not free port " + number + " (" + port.label() + ")");
        ok = false;
      }
    }
    return ok;
  }

  private static void deleteMarkers(AgentryHome home) {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(home.run(), "*.{pid,ready}")) {
      for (Path file : files) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      // stale markers are ignored: a PID file counts only with a matching command line
    }
  }
}
