package io.agentry.localstack.launcher;

import io.agentry.localstack.LocalTopology;
import io.agentry.localstack.LocalTopology.Port;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** One line per part: running, not ready or stopped, its PID and its ports. */
@Command(
    name = "status",
    description = {"Show each component's state, PID and ports.", "Example: ./agentry status"})
final class StatusCommand implements Callable<Integer> {

  private static final String FORMAT = "%-10s %-10s %-8s %s%n";

  @ParentCommand private Launcher launcher;

  @Override
  public Integer call() {
    AgentryHome home = launcher.home();
    LocalTopology topology = launcher.topology();
    OwnProcesses processes = launcher.processes();
    launcher.out().printf(FORMAT, "COMPONENT", "STATE", "PID", "PORTS");
    Optional<ProcessHandle> infra = processes.running(Part.INFRA);
    String infraState =
        infra.isEmpty() ? "stopped" : Files.exists(home.infraReady()) ? "running" : "not ready";
    line(Part.INFRA.label(), infraState, infra, Part.INFRA.ports(topology), topology);
    for (Part server : Part.SERVERS) {
      Optional<ProcessHandle> handle =
          server == Part.POSTGRES ? processes.postmaster() : processes.running(server);
      line(
          "  " + server.label(),
          handle.isPresent() ? "running" : "stopped",
          handle,
          server.ports(topology),
          topology);
    }
    for (Part service : Part.SERVICES) {
      Optional<ProcessHandle> handle = processes.running(service);
      int port = topology.port(service.service().orElseThrow().port());
      String state = handle.isEmpty() ? "stopped" : Health.isReady(port) ? "running" : "not ready";
      line(service.label(), state, handle, service.ports(topology), topology);
    }
    return 0;
  }

  private void line(
      String name,
      String state,
      Optional<ProcessHandle> handle,
      List<Port> ports,
      LocalTopology topology) {
    launcher
        .out()
        .printf(
            FORMAT,
            name,
            state,
            handle.map(h -> Long.toString(h.pid())).orElse("-"),
            String.join(" ", ports.stream().map(p -> Integer.toString(topology.port(p))).toList()));
  }
}
