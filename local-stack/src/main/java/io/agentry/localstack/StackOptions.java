package io.agentry.localstack;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * What to start and where.
 *
 * @param home the folder under which {@code data/}, {@code logs/} and {@code tmp/} are kept
 * @param postgresBinaries the folder the PostgreSQL binaries are unpacked into, once, and reused
 * @param components the servers to start
 * @param persistent keep data between runs (./agentry) or start empty and delete it on stop (tests)
 * @param postgresPort the PostgreSQL port, 0 for a free one
 * @param kafkaPort the Kafka client port, 0 for a free one
 * @param kafkaControllerPort the KRaft controller port, 0 for a free one
 * @param s3Port the S3 port, 0 for a free one
 * @param partitions the partition count of the task and event topics
 */
public record StackOptions(
    Path home,
    Path postgresBinaries,
    Set<Component> components,
    boolean persistent,
    int postgresPort,
    int kafkaPort,
    int kafkaControllerPort,
    int s3Port,
    int partitions) {

  /** The default partition count of {@code agent-tasks} and {@code task-events}. */
  public static final int DEFAULT_PARTITIONS = 12;

  /**
   * The stack of {@code ./agentry}: every server on the given ports, data kept under {@code home},
   * the PostgreSQL binaries in {@code home/postgres}.
   */
  public static StackOptions local(
      Path home, int postgresPort, int kafkaPort, int kafkaControllerPort, int s3Port) {
    return new StackOptions(
        home,
        home.resolve("postgres"),
        EnumSet.allOf(Component.class),
        true,
        postgresPort,
        kafkaPort,
        kafkaControllerPort,
        s3Port,
        DEFAULT_PARTITIONS);
  }

  /**
   * Fresh free ports and throw-away data under {@code home}, for one test JVM; the PostgreSQL
   * binaries are unpacked once into the build's {@code target/postgres-binaries}.
   */
  public static StackOptions ephemeral(Path home, Set<Component> components) {
    Path binaries = Path.of(System.getProperty("user.dir"), "target", "postgres-binaries");
    return new StackOptions(home, binaries, components, false, 0, 0, 0, 0, DEFAULT_PARTITIONS);
  }

  /** The same options, but keeping whatever data is already there (to start a server again). */
  public StackOptions keepingData() {
    return new StackOptions(
        home,
        postgresBinaries,
        components,
        true,
        postgresPort,
        kafkaPort,
        kafkaControllerPort,
        s3Port,
        partitions);
  }

  /** Where a component keeps its data. */
  public Path dataDir(Component component) {
    return home.resolve("data").resolve(component.label());
  }

  /** Where a component writes its log. */
  public Path logFile(Component component) {
    return home.resolve("logs").resolve(component.label() + ".log");
  }

  /** The temp folder of a component's process, so that nothing lands in the shared one. */
  public Path tmpDir(Component component) {
    return home.resolve("tmp").resolve(component.label());
  }
}
