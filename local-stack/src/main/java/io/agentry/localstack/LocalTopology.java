package io.agentry.localstack;

import io.agentry.wire.ExecutorHeap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The local platform of {@code ./agentry}, in one place: every process it runs, its port and its
 * JVM options. The ports are the contract's unless {@code AGENTRY_PORT_<NAME>} says otherwise (e.g.
 * {@code AGENTRY_PORT_GATEWAY=18080}), so that a second platform, or a test, can run beside one on
 * the default ports.
 *
 * @param ports every port, by what listens on it
 * @param executorWorkers the executor's worker threads, which size its heap
 * @param serviceJvmOverride {@code AGENTRY_JAVA_OPTS}, which replaces every service's JVM options
 */
public record LocalTopology(
    Map<Port, Integer> ports, int executorWorkers, List<String> serviceJvmOverride) {

  /** The worker threads of the executor: its own configuration key, as an environment variable. */
  public static final String WORKERS_VARIABLE = "AGENTRY_EXECUTOR_WORKERS_THREADS";

  /** Replaces the JVM options of the four services (not of the infrastructure). */
  public static final String JAVA_OPTS_VARIABLE = "AGENTRY_JAVA_OPTS";

  /**
   * The infrastructure process: PostgreSQL runs outside its heap (the binaries are unpacked
   * streaming, in about 10 MiB), but zonky reads the whole archive (15 to 30 MiB) into memory at
   * each start, and the Kafka admin, S3 and JDBC clients live here.
   */
  public static final List<String> INFRA_JVM =
      List.of("-Xms16m", "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  /** The Kafka broker (also for tests). */
  public static final List<String> KAFKA_JVM =
      List.of(
          "-Xms128m",
          "-Xmx512m",
          "-XX:+UseSerialGC",
          "-Djava.awt.headless=true",
          "-Dlog4j2.formatMsgNoLookups=true");

  /** S3Proxy (also for tests). */
  public static final List<String> S3_JVM =
      List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-Djava.awt.headless=true");

  /** A short command of the command-line client (the launcher's {@code ensure-key}). */
  public static final List<String> CLIENT_JVM =
      List.of("-Xms16m", "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  /**
   * The registry, the results service and the gateway. Every service keeps the optimizing compiler:
   * under load, the client compiler alone cost the gateway and the results service about half their
   * throughput (docs/performance.md).
   */
  public static final List<String> SERVICE_JVM =
      List.of("-XX:+UseSerialGC", "-Xms32m", "-Xmx256m", "-XX:MaxMetaspaceSize=128m", "-Xss512k");

  private static final long MIB = 1024 * 1024;

  /** What listens, on which default port. */
  public enum Port {
    GATEWAY(8080),
    REGISTRY(8081),
    RESULTS(8082),
    EXECUTOR(8083),
    POSTGRES(5432),
    KAFKA(9092),
    KAFKA_CONTROLLER(9093),
    S3(9000);

    private final int defaultPort;

    Port(int defaultPort) {
      this.defaultPort = defaultPort;
    }

    public int defaultPort() {
      return defaultPort;
    }

    /** {@code AGENTRY_PORT_GATEWAY}, {@code AGENTRY_PORT_KAFKA_CONTROLLER}, ... */
    public String variable() {
      return "AGENTRY_PORT_" + name();
    }

    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** The four services, each a packaged Quarkus application of its module. */
  public enum Service {
    REGISTRY("registry-service", Port.REGISTRY),
    RESULTS("results-service", Port.RESULTS),
    EXECUTOR("executor-service", Port.EXECUTOR),
    GATEWAY("gateway", Port.GATEWAY);

    private final String module;
    private final Port port;

    Service(String module, Port port) {
      this.module = module;
      this.port = port;
    }

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    public String module() {
      return module;
    }

    public Port port() {
      return port;
    }

    /** {@code <root>/<module>/target/quarkus-app/quarkus-run.jar}. */
    public Path jar(Path root) {
      return root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }
  }

  public LocalTopology {
    ports = Map.copyOf(ports);
    serviceJvmOverride = List.copyOf(serviceJvmOverride);
  }

  /**
   * The topology the environment asks for: the default ports except those overridden, the worker
   * threads of {@code AGENTRY_EXECUTOR_WORKERS_THREADS} (else this machine's processors).
   *
   * @throws IllegalArgumentException with a message for a person when a variable is malformed or
   *     two ports collide
   */
  public static LocalTopology fromEnvironment(Map<String, String> env) {
    Map<Port, Integer> ports = new EnumMap<>(Port.class);
    Map<Integer, Port> taken = new LinkedHashMap<>();
    for (Port port : Port.values()) {
      int number = port.defaultPort();
      String value = env.get(port.variable());
      if (value != null && !value.isBlank()) {
        number = parse(port.variable(), value, 1, 65535);
      }
      Port other = taken.putIfAbsent(number, port);
      if (other != null) {
        throw new IllegalArgumentException(
            other.label()
                + " and "
                + port.label()
                + " would both listen on port "
                + number
                + "; give one of them another port with "
                + port.variable());
      }
      ports.put(port, number);
    }
    String workers = env.get(WORKERS_VARIABLE);
    int threads =
        workers == null || workers.isBlank()
            ? Runtime.getRuntime().availableProcessors()
            : parse(WORKERS_VARIABLE, workers, 1, 256);
    String javaOpts = env.getOrDefault(JAVA_OPTS_VARIABLE, "").trim();
    List<String> override = javaOpts.isEmpty() ? List.of() : Arrays.asList(javaOpts.split("\\s+"));
    return new LocalTopology(ports, threads, override);
  }

  private static int parse(String variable, String value, int min, int max) {
    try {
      int number = Integer.parseInt(value.trim());
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        variable + " must be a number from " + min + " to " + max + ", was '" + value + "'");
  }

  public int port(Port port) {
    return ports.get(port);
  }

  /** The ports the infrastructure process binds. */
  public List<Port> infraPorts() {
    return List.of(Port.POSTGRES, Port.KAFKA, Port.KAFKA_CONTROLLER, Port.S3);
  }

  /** {@code http://127.0.0.1:<gateway>/api/v1}. */
  public String apiUrl() {
    return "http://127.0.0.1:" + port(Port.GATEWAY) + "/api/v1";
  }

  /** The stack options of the infrastructure process, with data under {@code home}. */
  public StackOptions stackOptions(Path home) {
    return StackOptions.local(
        home, port(Port.POSTGRES), port(Port.KAFKA), port(Port.KAFKA_CONTROLLER), port(Port.S3));
  }

  /**
   * A service's JVM options: {@code AGENTRY_JAVA_OPTS} when set, else {@link #SERVICE_JVM}, and for
   * the executor a heap that holds every worker at the largest task memory ({@link ExecutorHeap}).
   */
  public List<String> serviceJvm(Service service) {
    if (!serviceJvmOverride.isEmpty()) {
      return serviceJvmOverride;
    }
    if (service != Service.EXECUTOR) {
      return SERVICE_JVM;
    }
    return List.of(
        "-XX:+UseSerialGC",
        "-Xms32m",
        "-Xmx" + executorMaxHeapMb() + "m",
        "-XX:MaxMetaspaceSize=256m",
        "-Xss1m");
  }

  /**
   * The executor's {@code -Xmx} in MiB. The serial collector reports one survivor space less as the
   * maximum heap (a tenth of the young generation, which is a third of the heap: 1/30), and the
   * executor's memory budget is a share of what it reports; a little more covers the alignment of
   * the generations.
   */
  public int executorMaxHeapMb() {
    long needed = ExecutorHeap.minimumMaxHeapBytes(executorWorkers);
    long xmx = (needed * 30 + 29 * MIB - 1) / (29 * MIB);
    return (int) xmx + 8;
  }

  /**
   * The Quarkus configuration that wires a service to the others and to the infrastructure on this
   * topology's ports, passed as system properties.
   *
   * @param dataDir the folder of the platform's data ({@code .agentry/data})
   */
  public Map<String, String> serviceConfig(Service service, Path dataDir) {
    Endpoints infra =
        new Endpoints(
            port(Port.POSTGRES),
            "127.0.0.1:" + port(Port.KAFKA),
            "http://127.0.0.1:" + port(Port.S3));
    String registry = "http://127.0.0.1:" + port(Port.REGISTRY);
    String jwks = registry + "/.well-known/jwks.json";
    Map<String, String> config = new LinkedHashMap<>();
    config.put("quarkus.http.port", Integer.toString(port(service.port())));
    switch (service) {
      case REGISTRY -> {
        config.putAll(infra.quarkusConfig("registry"));
        config.put(
            "agentry.registry.auth.generated-key-dir", dataDir.resolve("registry-keys").toString());
      }
      case RESULTS -> {
        config.putAll(infra.quarkusConfig("results"));
        config.put("mp.jwt.verify.publickey.location", jwks);
        config.put("agentry.results.registry.url", registry);
      }
      case EXECUTOR -> {
        config.putAll(infra.quarkusConfig(null));
        config.put("agentry.executor.registry.url", registry);
        config.put("agentry.executor.workers.threads", Integer.toString(executorWorkers));
        // Local development: agents may call servers on this machine (production refuses them).
        config.put("agentry.executor.http.allow-private", "true");
      }
      case GATEWAY -> {
        config.putAll(infra.quarkusConfig("gateway"));
        config.put("mp.jwt.verify.publickey.location", jwks);
        config.put("agentry.gateway.routes.registry-url", registry);
        config.put("agentry.gateway.routes.results-url", "http://127.0.0.1:" + port(Port.RESULTS));
      }
    }
    return config;
  }

  /**
   * The settings a service must not show on its command line, where any user of the machine could
   * read them ({@code ps}): environment variables, which only the process' owner can read. Their
   * names are the settings' keys as SmallRye Config reads them from the environment.
   *
   * @param dataDir the folder of the platform's data ({@code .agentry/data})
   */
  public Map<String, String> serviceSecrets(Service service, Path dataDir) {
    return switch (service) {
      case REGISTRY -> Map.of("AGENTRY_REGISTRY_SECRETS_EXECUTOR_TOKEN", executorToken(dataDir));
      case EXECUTOR -> Map.of("AGENTRY_EXECUTOR_REGISTRY_SECRETS_TOKEN", executorToken(dataDir));
      case RESULTS, GATEWAY -> Map.of();
    };
  }

  /**
   * The token the executor presents to read agents' secrets from the registry: random, made at the
   * first start and kept in the data folder, so the two processes share it.
   */
  static synchronized String executorToken(Path dataDir) {
    Path file = dataDir.resolve("executor-token");
    try {
      if (!java.nio.file.Files.exists(file)) {
        java.nio.file.Files.createDirectories(dataDir);
        byte[] random = new byte[24];
        new java.security.SecureRandom().nextBytes(random);
        java.nio.file.Files.writeString(
            file, java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random));
      }
      return java.nio.file.Files.readString(file).trim();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot keep the executor token in " + file, e);
    }
  }

  /** {@code -Dkey=value} for each entry. */
  public static List<String> systemProperties(Map<String, String> config) {
    List<String> args = new ArrayList<>();
    config.forEach((key, value) -> args.add("-D" + key + "=" + value));
    return args;
  }
}
