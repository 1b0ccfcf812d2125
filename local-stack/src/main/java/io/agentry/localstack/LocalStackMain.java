package io.agentry.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The infrastructure process of {@code ./agentry up}: starts the local stack on the ports of the
 * {@link LocalTopology} (the contract's unless {@code AGENTRY_PORT_*} says otherwise) with data,
 * logs, temp files and the PostgreSQL binaries kept under {@code --home}, records the servers' PIDs
 * and a ready marker under {@code <home>/run}, and runs until SIGTERM, when it stops the servers.
 * If a server dies it stops the others and exits with status 1, so that the next {@code ./agentry
 * up} starts them again.
 */
public final class LocalStackMain {

  private static final int EXIT_USAGE = 2;
  private static final long WATCH_MILLIS = 1000;

  private LocalStackMain() {}

  public static void main(String[] args) throws Exception {
    System.setProperty(
        "java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT %4$s [%3$s] %5$s%6$s%n");
    Path home = parseHome(args);
    Path run = home.resolve("run");
    Files.createDirectories(run);
    LocalStack stack;
    try {
      stack = LocalStack.start(LocalTopology.fromEnvironment(System.getenv()).stackOptions(home));
    } catch (StackException | IllegalArgumentException e) {
      System.err.println("agentry infra: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  deleteMarkers(run);
                  stack.close();
                  stopped.countDown();
                },
                "agentry-infra-stop"));
    writeMarkers(stack, run);
    System.out.println("agentry infra: ready " + describe(stack.endpoints()));
    while (stopped.getCount() > 0) {
      Thread.sleep(WATCH_MILLIS);
      var dead = stack.firstDead();
      if (dead.isPresent()) {
        System.err.println("agentry infra: " + dead.get().label() + " exited; stopping the rest");
        System.exit(1);
      }
    }
  }

  private static Path parseHome(String[] args) {
    if (args.length == 2 && args[0].equals("--home")) {
      return Path.of(args[1]).toAbsolutePath();
    }
    System.err.println("usage: LocalStackMain --home DIR");
    System.exit(EXIT_USAGE);
    throw new IllegalStateException("unreachable");
  }

  private static void writeMarkers(LocalStack stack, Path run) throws IOException {
    for (Map.Entry<Component, Server> entry : stack.servers().entrySet()) {
      var pid = entry.getValue().pid();
      if (pid.isPresent()) {
        Files.writeString(run.resolve(entry.getKey().label() + ".pid"), pid.getAsLong() + "\n");
      }
    }
    Files.writeString(run.resolve("infra.ready"), describe(stack.endpoints()) + "\n");
  }

  private static void deleteMarkers(Path run) {
    try {
      Files.deleteIfExists(run.resolve("infra.ready"));
      for (Component component : Component.values()) {
        Files.deleteIfExists(run.resolve(component.label() + ".pid"));
      }
    } catch (IOException e) {
      System.err.println("agentry infra: could not delete markers: " + e.getMessage());
    }
  }

  private static String describe(Endpoints endpoints) {
    return "postgresql://127.0.0.1:"
        + endpoints.postgresPort()
        + " kafka="
        + endpoints.kafkaBootstrap()
        + " s3="
        + endpoints.s3Endpoint();
  }
}
