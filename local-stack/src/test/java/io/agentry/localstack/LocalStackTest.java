package io.agentry.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentry.wire.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

class LocalStackTest {

  @TempDir static Path home;
  static LocalStack stack;

  @BeforeAll
  static void start() {
    stack = LocalStack.start(StackOptions.ephemeral(home, EnumSet.allOf(Component.class)));
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void postgresAcceptsTheServiceRoleInEveryServiceDatabase() throws Exception {
    Endpoints endpoints = stack.endpoints();
    for (String database : Endpoints.DATABASES) {
      try (Connection connection =
              DriverManager.getConnection(
                  endpoints.jdbcUrl(database),
                  Endpoints.DATABASE_USER,
                  Endpoints.DATABASE_PASSWORD);
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE probe (id int PRIMARY KEY)");
        statement.execute("INSERT INTO probe VALUES (42)");
        try (ResultSet rows = statement.executeQuery("SELECT current_database(), id FROM probe")) {
          assertTrue(rows.next());
          assertEquals(database, rows.getString(1));
          assertEquals(42, rows.getInt(2));
        }
      }
    }
  }

  @Test
  void kafkaHasThePlatformTopicsAndCarriesARecord() throws Exception {
    String bootstrap = stack.endpoints().kafkaBootstrap();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      Set<String> topics = admin.listTopics().names().get(10, TimeUnit.SECONDS);
      assertTrue(
          topics.containsAll(
              List.of(Topics.AGENT_TASKS, Topics.TASK_EVENTS, Topics.AGENT_TASKS_DLQ)),
          "topics: " + topics);
      int partitions =
          admin
              .describeTopics(List.of(Topics.AGENT_TASKS))
              .allTopicNames()
              .get(10, TimeUnit.SECONDS)
              .get(Topics.AGENT_TASKS)
              .partitions()
              .size();
      assertEquals(StackOptions.DEFAULT_PARTITIONS, partitions);
    }
    Map<String, Object> producerConfig =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all");
    try (var producer =
        new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(Topics.AGENT_TASKS_DLQ, "key", "hello")).get();
    }
    Map<String, Object> consumerConfig =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG, "local-stack-test",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (var consumer =
        new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(Topics.AGENT_TASKS_DLQ));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      String value = null;
      while (value == null && System.nanoTime() < deadline) {
        ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
        if (!records.isEmpty()) {
          value = records.iterator().next().value();
        }
      }
      assertEquals("hello", value);
    }
  }

  @Test
  void s3StoresAndReturnsAnObjectInThePlatformBucket() {
    try (S3Client s3 = S3Server.client(stack.endpoints().s3Endpoint())) {
      byte[] body = "wasm bytes".getBytes(StandardCharsets.UTF_8);
      s3.putObject(b -> b.bucket(Endpoints.BUCKET).key("probe"), RequestBody.fromBytes(body));
      byte[] read = s3.getObjectAsBytes(b -> b.bucket(Endpoints.BUCKET).key("probe")).asByteArray();
      assertEquals("wasm bytes", new String(read, StandardCharsets.UTF_8));
    }
  }

  @Test
  void postgresKilledOrStoppedStartsAgainWithItsRows() throws Exception {
    String url = stack.endpoints().jdbcUrl("results");
    try (Connection connection =
            DriverManager.getConnection(url, Endpoints.DATABASE_USER, Endpoints.DATABASE_PASSWORD);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE survivor (id int PRIMARY KEY)");
      statement.execute("INSERT INTO survivor VALUES (7)");
    }
    long before = stack.servers().get(Component.POSTGRES).pid().orElseThrow();

    stack.kill(Component.POSTGRES);
    assertFalse(ProcessHandle.of(before).map(ProcessHandle::isAlive).orElse(false));
    assertEquals(Component.POSTGRES, stack.firstDead().orElseThrow());
    stack.startAgain(Component.POSTGRES);
    stack.stop(Component.POSTGRES);
    stack.startAgain(Component.POSTGRES);

    assertTrue(stack.firstDead().isEmpty());
    try (Connection connection =
            DriverManager.getConnection(url, Endpoints.DATABASE_USER, Endpoints.DATABASE_PASSWORD);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT id FROM survivor")) {
      assertTrue(rows.next());
      assertEquals(7, rows.getInt(1));
    }
  }

  @Test
  void s3StoppedStartsAgainWithItsObjects() {
    String endpoint = stack.endpoints().s3Endpoint();
    try (S3Client s3 = S3Server.client(endpoint)) {
      s3.putObject(
          b -> b.bucket(Endpoints.BUCKET).key("kept"),
          RequestBody.fromString("still here", StandardCharsets.UTF_8));
    }

    stack.stop(Component.S3);
    assertFalse(Ports.inUse(Ports.of(endpoint)));
    stack.startAgain(Component.S3);

    try (S3Client s3 = S3Server.client(endpoint)) {
      assertEquals(
          "still here",
          s3.getObjectAsBytes(b -> b.bucket(Endpoints.BUCKET).key("kept")).asUtf8String());
    }
  }

  @Test
  void kafkaKilledStartsAgainWithItsTopics() throws Exception {
    stack.kill(Component.KAFKA);
    assertEquals(Component.KAFKA, stack.firstDead().orElseThrow());
    stack.startAgain(Component.KAFKA);

    try (Admin admin =
        Admin.create(Map.of("bootstrap.servers", stack.endpoints().kafkaBootstrap()))) {
      Set<String> topics = admin.listTopics().names().get(10, TimeUnit.SECONDS);
      assertTrue(topics.contains(Topics.AGENT_TASKS), "topics: " + topics);
    }
  }

  @Test
  void closingStopsEveryServerAndFreesItsPorts() {
    LocalStack second =
        LocalStack.start(
            StackOptions.ephemeral(home.resolve("second"), EnumSet.of(Component.KAFKA)));
    List<ProcessHandle> processes =
        second.servers().values().stream()
            .map(server -> ProcessHandle.of(server.pid().orElseThrow()).orElseThrow())
            .toList();
    int kafkaPort = Integer.parseInt(second.endpoints().kafkaBootstrap().split(":")[1]);

    second.close();

    processes.forEach(process -> assertFalse(process.isAlive(), "still alive: " + process));
    assertFalse(Ports.inUse(kafkaPort));
  }
}
