package io.agentry.localstack.launcher;

import io.agentry.localstack.LocalTopology;
import io.agentry.localstack.LocalTopology.Port;
import io.agentry.localstack.LocalTopology.Service;
import io.agentry.localstack.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * Starts what does not run yet, in order (the infrastructure, then the four services at once),
 * waits until everything is ready, makes sure a local API key works and prints where everything is.
 * Idempotent: with everything running and ready it only prints.
 */
@Command(
    name = "up",
    description = {
      "Start PostgreSQL, Kafka, S3 and the four services (only what is not running), wait until"
          + " all are ready, and print the URLs and an API key.",
      "Example: ./agentry up"
    })
final class UpCommand implements Callable<Integer> {

  static final Duration INFRA_TIMEOUT = Duration.ofSeconds(180);
  static final Duration SERVICES_TIMEOUT = Duration.ofSeconds(180);
  private static final int TAIL_LINES = 30;

  @ParentCommand private Launcher launcher;

  @Override
  public Integer call() throws InterruptedException {
    long began = System.nanoTime();
    AgentryHome home = launcher.home();
    LocalTopology topology = launcher.topology();
    OwnProcesses processes = launcher.processes();
    home.create();
    Thread interrupted = interruptedNote();
    Runtime.getRuntime().addShutdownHook(interrupted);
    try (LauncherLock lock = LauncherLock.take(home.run().resolve("lock"))) {
      List<Part> missing = new ArrayList<>();
      for (Part part :
          List.of(Part.INFRA, Part.REGISTRY, Part.RESULTS, Part.EXECUTOR, Part.GATEWAY)) {
        if (!processes.isRunning(part)) {
          missing.add(part);
        }
      }
      if (missing.isEmpty() && Files.exists(home.infraReady()) && allReady(topology)) {
        launcher.out().println("Agentry is already running.");
        finish(null);
        return 0;
      }
      requirePortsFree(missing, topology);
      Optional<ProcessHandle> infra = processes.running(Part.INFRA);
      if (infra.isEmpty()) {
        infra = Optional.of(startInfra(home));
      } else if (!Files.exists(home.infraReady())) {
        launcher.out().println("infra is starting");
      }
      awaitInfra(infra.get(), home);
      Map<Part, ProcessHandle> started = new LinkedHashMap<>();
      List<Part> services = missing.stream().filter(part -> part != Part.INFRA).toList();
      if (!services.isEmpty()) {
        launcher
            .out()
            .println("starting " + String.join(" ", services.stream().map(Part::label).toList()));
        for (Part part : services) {
          started.put(part, startService(part.service().orElseThrow(), home, topology));
        }
      }
      awaitServices(started, processes, topology);
      finish(began);
      return 0;
    } finally {
      Runtime.getRuntime().removeShutdownHook(interrupted);
    }
  }

  private Thread interruptedNote() {
    return new Thread(
        () ->
            launcher
                .err()
                .println(
                    "\ninterrupted; what started keeps running (./agentry status, ./agentry"
                        + " down)"),
        "up-interrupted");
  }

  private void finish(Long began) {
    Optional<String> key =
        new ApiKey(launcher.home(), launcher.topology(), launcher.err()).ensure();
    if (began != null) {
      launcher
          .out()
          .printf(
              "%nAgentry is up (%ds).%n", Duration.ofNanos(System.nanoTime() - began).toSeconds());
    }
    Summary.print(launcher.out(), launcher.topology(), key);
  }

  private static boolean allReady(LocalTopology topology) {
    return Part.SERVICES.stream()
        .allMatch(part -> Health.isReady(topology.port(part.service().orElseThrow().port())));
  }

  private static void requirePortsFree(List<Part> parts, LocalTopology topology) {
    for (Part part : parts) {
      for (Port port : part.ports(topology)) {
        int number = topology.port(port);
        if (!Ports.isFree(number)) {
          throw new LaunchException(
              "port "
                  + number
                  + " ("
                  + port.label()
                  + ") is already in use by another process; stop it, run ./agentry down, or"
                  + " move "
                  + port.label()
                  + " with "
                  + port.variable()
                  + "=<free port>");
        }
      }
    }
  }

  private ProcessHandle startInfra(AgentryHome home) {
    for (Part part : List.of(Part.POSTGRES, Part.KAFKA, Part.S3)) {
      deleteQuietly(home.pidFile(part.label()));
    }
    deleteQuietly(home.infraReady());
    launcher.out().println("starting infra (PostgreSQL, Kafka, S3)");
    Path tmp = home.tmp(Part.INFRA.label());
    List<String> args = new ArrayList<>(Part.INFRA.markers(home));
    args.addAll(LocalTopology.INFRA_JVM);
    args.add("-Djava.io.tmpdir=" + tmp);
    args.add("-cp");
    args.add(System.getProperty("java.class.path"));
    args.add("io.agentry.localstack.LocalStackMain");
    args.add("--home");
    args.add(home.state().toString());
    Process process =
        Detached.startJava("infra", args, Map.of(), home.root(), tmp, home.log(Part.INFRA.label()));
    OwnProcesses.writePid(home.pidFile(Part.INFRA.label()), process.pid());
    return process.toHandle();
  }

  private void awaitInfra(ProcessHandle infra, AgentryHome home) throws InterruptedException {
    long began = System.nanoTime();
    if (Files.exists(home.infraReady())) {
      launcher.out().println("infra is running");
      return;
    }
    long deadline = began + INFRA_TIMEOUT.toNanos();
    while (!Files.exists(home.infraReady())) {
      if (!infra.isAlive()) {
        throw failure("infra", "infra stopped during startup; see ./agentry logs infra");
      }
      if (System.nanoTime() > deadline) {
        throw failure(
            "infra",
            "infra was not ready after "
                + INFRA_TIMEOUT.toSeconds()
                + "s; see ./agentry logs infra, stop it with ./agentry down");
      }
      Thread.sleep(300);
    }
    launcher
        .out()
        .printf("infra ready (%ds)%n", Duration.ofNanos(System.nanoTime() - began).toSeconds());
  }

  private static ProcessHandle startService(
      Service service, AgentryHome home, LocalTopology topology) {
    Path tmp = home.tmp(service.label());
    List<String> args = new ArrayList<>(Part.parse(service.label()).markers(home));
    args.addAll(topology.serviceJvm(service));
    args.add("-Djava.io.tmpdir=" + tmp);
    args.addAll(LocalTopology.systemProperties(topology.serviceConfig(service, home.data())));
    args.add("-jar");
    args.add(service.jar(home.root()).toString());
    Process process =
        Detached.startJava(
            service.label(),
            args,
            topology.serviceSecrets(service, home.data()),
            home.root(),
            tmp,
            home.log(service.label()));
    OwnProcesses.writePid(home.pidFile(service.label()), process.pid());
    return process.toHandle();
  }

  /** Until every service answers ready; those just started are reported as they get ready. */
  private void awaitServices(
      Map<Part, ProcessHandle> started, OwnProcesses processes, LocalTopology topology)
      throws InterruptedException {
    long began = System.nanoTime();
    long deadline = began + SERVICES_TIMEOUT.toNanos();
    List<Part> pending = new ArrayList<>(Part.SERVICES);
    while (!pending.isEmpty()) {
      for (Part part : List.copyOf(pending)) {
        boolean alive =
            started.containsKey(part) ? started.get(part).isAlive() : processes.isRunning(part);
        if (!alive) {
          throw failure(
              part.label(),
              part.label()
                  + " stopped during startup; see ./agentry logs "
                  + part.label()
                  + " (./agentry down stops the rest)");
        }
        if (Health.isReady(topology.port(part.service().orElseThrow().port()))) {
          pending.remove(part);
          if (started.containsKey(part)) {
            launcher
                .out()
                .printf(
                    "%s ready (%ds)%n",
                    part.label(), Duration.ofNanos(System.nanoTime() - began).toSeconds());
          }
        }
      }
      if (pending.isEmpty()) {
        break;
      }
      if (System.nanoTime() > deadline) {
        throw failure(
            pending.get(0).label(),
            "not ready after "
                + SERVICES_TIMEOUT.toSeconds()
                + "s: "
                + String.join(" ", pending.stream().map(Part::label).toList())
                + "; see ./agentry logs NAME, stop with ./agentry down");
      }
      Thread.sleep(500);
    }
  }

  /** The failure, after the last lines of the log that tells why. */
  private LaunchException failure(String log, String message) {
    Path file = launcher.home().log(log);
    List<String> tail = LogTail.lastLines(file, TAIL_LINES);
    if (!tail.isEmpty()) {
      launcher.err().println("last " + tail.size() + " lines of .agentry/logs/" + log + ".log:");
      tail.forEach(launcher.err()::println);
    }
    return new LaunchException(message);
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (java.io.IOException e) {
      // a stale marker is overwritten by the next start
    }
  }
}
