package io.agentry.localstack;

import io.agentry.wire.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/** A single KRaft Kafka broker (broker and controller in one) run as a child process. */
final class KafkaServer extends ChildProcessServer {

  /** Largest record the broker and the platform's topics accept: a 1 MiB input fits, base64. */
  static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

  /** Partitions of the task-control topic, whatever the configured count for the others. */
  static final int CONTROL_PARTITIONS = 3;

  private static final System.Logger LOG = System.getLogger(KafkaServer.class.getName());
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
  private final String bootstrap;

  private KafkaServer(ChildProcess process, String bootstrap) {
    super(Component.KAFKA, process);
    this.bootstrap = bootstrap;
  }

  static KafkaServer start(StackOptions options, int port, int controllerPort) {
    Path dataDir = options.dataDir(Component.KAFKA);
    Path logDir = dataDir.resolve("log");
    Path log = options.logFile(Component.KAFKA);
    String classpath = ServerJars.kafkaClasspath();
    Path config = dataDir.resolve("server.properties");
    Path logging = dataDir.resolve("log4j2.properties");
    try {
      Files.createDirectories(logDir);
      writeServerProperties(config, logDir, port, controllerPort, options.partitions());
      Files.writeString(logging, LOG4J2_CONFIG);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> jvmArgs = new ArrayList<>(ProcessMarkers.of("kafka", options.home()));
    jvmArgs.addAll(LocalTopology.KAFKA_JVM);
    jvmArgs.add(ChildProcess.tmpDirArg(options.tmpDir(Component.KAFKA)));
    jvmArgs.add("-Dlog4j2.configurationFile=" + logging);
    jvmArgs.add("-cp");
    jvmArgs.add(classpath);
    if (!Files.exists(logDir.resolve("meta.properties"))) {
      ChildProcess.runJava(
          "kafka storage format",
          jvmArgs,
          List.of(
              "kafka.tools.StorageTool",
              "format",
              "-t",
              Uuid.randomUuid().toString(),
              "-c",
              config.toString(),
              "--standalone"),
          log);
    }
    ChildProcess process =
        ChildProcess.startJava("kafka", jvmArgs, List.of("kafka.Kafka", config.toString()), log);
    KafkaServer server = new KafkaServer(process, "127.0.0.1:" + port);
    try {
      server.awaitReadyAndCreateTopics(port, options.partitions());
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    LOG.log(System.Logger.Level.INFO, "Kafka ready on {0}", server.bootstrap);
    return server;
  }

  String bootstrap() {
    return bootstrap;
  }

  private void awaitReadyAndCreateTopics(int port, int partitions) {
    // Wait for the listener first: an admin client polling a closed port only logs warnings.
    Readiness.await(
        "Kafka",
        STARTUP_TIMEOUT,
        this::isAlive,
        () -> {
          if (!Ports.inUse(port)) {
            throw new IllegalStateException("port " + port + " is not open yet");
          }
        });
    try (Admin admin = Admin.create(adminConfig())) {
      Readiness.await(
          "Kafka",
          STARTUP_TIMEOUT,
          this::isAlive,
          () -> admin.describeCluster().nodes().get(2, TimeUnit.SECONDS));
      createTopics(admin, partitions);
    }
  }

  private Map<String, Object> adminConfig() {
    return Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
  }

  private static void createTopics(Admin admin, int partitions) {
    Map<String, String> topicConfig = Map.of("max.message.bytes", "" + MAX_MESSAGE_BYTES);
    List<NewTopic> topics =
        List.of(
            new NewTopic(Topics.AGENT_TASKS, partitions, (short) 1).configs(topicConfig),
            new NewTopic(Topics.TASK_EVENTS, partitions, (short) 1).configs(topicConfig),
            new NewTopic(Topics.AGENT_TASKS_DLQ, 1, (short) 1).configs(topicConfig),
            // Small and read whole by every executor: a few partitions are plenty.
            new NewTopic(Topics.TASK_CONTROL, CONTROL_PARTITIONS, (short) 1).configs(topicConfig));
    try {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing =
          topics.stream().filter(topic -> !existing.contains(topic.name())).toList();
      admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new StackException("could not create the Kafka topics: " + e.getCause(), e);
      }
    } catch (Exception e) {
      throw new StackException("could not create the Kafka topics: " + e, e);
    }
  }

  private static void writeServerProperties(
      Path file, Path logDir, int port, int controllerPort, int partitions) throws IOException {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", "1");
    p.setProperty("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
    p.setProperty(
        "listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("log.dirs", logDir.toString());
    p.setProperty("num.partitions", Integer.toString(partitions));
    p.setProperty("auto.create.topics.enable", "false");
    p.setProperty("message.max.bytes", Integer.toString(MAX_MESSAGE_BYTES));
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("offsets.topic.num.partitions", "12");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    try (var out = Files.newBufferedWriter(file)) {
      p.store(out, "Written by the Agentry local stack");
    }
  }

  private static final String LOG4J2_CONFIG =
      """
      status = warn
      appender.console.type = Console
      appender.console.name = console
      appender.console.layout.type = PatternLayout
      appender.console.layout.pattern = %d{ISO8601} %-5p [%c{1}] %m%n
      rootLogger.level = warn
      rootLogger.appenderRef.console.ref = console
      logger.kafka.name = kafka.server.KafkaRaftServer
      logger.kafka.level = info
      """;
}
