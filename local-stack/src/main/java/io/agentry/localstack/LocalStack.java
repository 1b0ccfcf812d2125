package io.agentry.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Real PostgreSQL, Kafka and S3-compatible servers on loopback, started in parallel, each waited
 * for by a real readiness check (a query, a metadata request, a bucket call), with the platform's
 * databases, topics and bucket created.
 */
public final class LocalStack implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(LocalStack.class.getName());

  private final StackOptions options;
  private final Map<Component, Server> servers;
  private final Endpoints endpoints;
  private final int kafkaControllerPort;

  private LocalStack(
      StackOptions options,
      Map<Component, Server> servers,
      Endpoints endpoints,
      int kafkaControllerPort) {
    this.options = options;
    this.servers = servers;
    this.endpoints = endpoints;
    this.kafkaControllerPort = kafkaControllerPort;
  }

  /** Starts the chosen servers; on any failure stops those that started and throws. */
  public static LocalStack start(StackOptions options) {
    long began = System.nanoTime();
    int postgresPort = Ports.resolve(options.postgresPort());
    int kafkaPort = Ports.resolve(options.kafkaPort());
    int controllerPort = Ports.resolve(options.kafkaControllerPort());
    int s3Port = Ports.resolve(options.s3Port());
    if (!options.persistent()) {
      deleteData(options);
    }
    Set<Component> wanted = options.components();
    if (wanted.contains(Component.POSTGRES)) {
      Ports.requireFree(postgresPort, "PostgreSQL");
    }
    if (wanted.contains(Component.KAFKA)) {
      Ports.requireFree(kafkaPort, "Kafka");
      Ports.requireFree(controllerPort, "Kafka controller");
    }
    if (wanted.contains(Component.S3)) {
      Ports.requireFree(s3Port, "S3 store");
    }
    Map<Component, CompletableFuture<Server>> starting = new EnumMap<>(Component.class);
    if (wanted.contains(Component.POSTGRES)) {
      starting.put(Component.POSTGRES, async(() -> PostgresServer.start(options, postgresPort)));
    }
    if (wanted.contains(Component.KAFKA)) {
      starting.put(
          Component.KAFKA, async(() -> KafkaServer.start(options, kafkaPort, controllerPort)));
    }
    if (wanted.contains(Component.S3)) {
      starting.put(Component.S3, async(() -> S3Server.start(options, s3Port)));
    }
    Map<Component, Server> servers = awaitAll(starting);
    Endpoints endpoints =
        new Endpoints(
            servers.containsKey(Component.POSTGRES) ? postgresPort : 0,
            servers.containsKey(Component.KAFKA) ? "127.0.0.1:" + kafkaPort : null,
            servers.containsKey(Component.S3) ? "http://127.0.0.1:" + s3Port : null);
    LOG.log(
        System.Logger.Level.INFO,
        "local stack {0} ready in {1} ms",
        servers.keySet(),
        (System.nanoTime() - began) / 1_000_000);
    return new LocalStack(options, servers, endpoints, controllerPort);
  }

  public Endpoints endpoints() {
    return endpoints;
  }

  /** The running servers by component. */
  public synchronized Map<Component, Server> servers() {
    return Map.copyOf(servers);
  }

  /** The first server whose process has gone, if any. */
  public synchronized Optional<Component> firstDead() {
    return servers.values().stream().filter(s -> !s.isAlive()).map(Server::component).findFirst();
  }

  /**
   * Stops one server as an operator would (SIGTERM, then SIGKILL after a grace period), keeping its
   * data, so that {@link #startAgain} brings it back with everything it had.
   */
  public synchronized void stop(Component component) {
    running(component).stopKeepingData();
  }

  /** Kills one server with SIGKILL, as a crash would; its data stays for {@link #startAgain}. */
  public synchronized void kill(Component component) {
    running(component).kill();
  }

  /**
   * Starts a stopped or killed server again on the same port with the data it had (also for a
   * throw-away stack, whose data is deleted only by {@link #close}) and waits until it is ready.
   */
  public synchronized void startAgain(Component component) {
    Server previous = running(component);
    if (previous.isAlive()) {
      throw new IllegalStateException(component.label() + " is still running");
    }
    StackOptions keepingData = options.keepingData();
    Server started =
        switch (component) {
          case POSTGRES -> PostgresServer.start(keepingData, endpoints.postgresPort());
          case KAFKA ->
              KafkaServer.start(
                  keepingData, Ports.of(endpoints.kafkaBootstrap()), kafkaControllerPort);
          case S3 -> S3Server.start(keepingData, Ports.of(endpoints.s3Endpoint()));
        };
    servers.put(component, started);
  }

  private Server running(Component component) {
    Server server = servers.get(component);
    if (server == null) {
      throw new IllegalStateException(component.label() + " is not part of this stack");
    }
    return server;
  }

  /** Stops every server (in parallel) and, for a throw-away stack, deletes its data. */
  @Override
  public synchronized void close() {
    CompletableFuture.allOf(
            servers.values().stream()
                .map(server -> CompletableFuture.runAsync(server::close))
                .toArray(CompletableFuture[]::new))
        .join();
    if (!options.persistent()) {
      deleteData(options);
    }
  }

  private static CompletableFuture<Server> async(Supplier<Server> start) {
    return CompletableFuture.supplyAsync(start);
  }

  private static Map<Component, Server> awaitAll(Map<Component, CompletableFuture<Server>> all) {
    Map<Component, Server> started = new EnumMap<>(Component.class);
    List<Throwable> failures = new ArrayList<>();
    all.forEach(
        (component, future) -> {
          try {
            started.put(component, future.join());
          } catch (CompletionException e) {
            failures.add(e.getCause());
          }
        });
    if (!failures.isEmpty()) {
      started.values().forEach(Server::close);
      Throwable first = failures.get(0);
      StackException failure =
          first instanceof StackException stack
              ? stack
              : new StackException(first.toString(), first);
      failures.stream().skip(1).forEach(failure::addSuppressed);
      throw failure;
    }
    return started;
  }

  private static void deleteData(StackOptions options) {
    for (Component component : Component.values()) {
      deleteTree(options.dataDir(component));
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "could not delete " + root, e);
    }
  }
}
