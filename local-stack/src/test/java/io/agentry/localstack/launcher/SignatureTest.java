package io.agentry.localstack.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which command lines count as a part of this ./agentry (pure). */
class SignatureTest {

  private final AgentryHome home = new AgentryHome(Path.of("/home/ada/agentry"));

  @Test
  void aJavaPartIsItsMarkersWhereverTheyAreAndNoLongerNameMatchesByPrefix() {
    Signature registry = Part.REGISTRY.signature(home);
    assertTrue(
        registry.matches(
            "/usr/bin/java -Dagentry.part=registry -Dagentry.home=/home/ada/agentry/.agentry -Xmx256m"
                + " -jar /home/ada/agentry/registry-service/target/quarkus-app/quarkus-run.jar"));
    assertFalse(
        registry.matches(
            "/usr/bin/java -Dagentry.part=registry -Dagentry.home=/home/ada/agentry/.agentry2 -jar x"),
        "another checkout's registry");
    assertFalse(
        registry.matches(
            "/usr/bin/java -Dagentry.part=registry-copy -Dagentry.home=/home/ada/agentry/.agentry -jar"));
    assertFalse(
        registry.matches(
            "/usr/bin/java -jar /home/ada/agentry/registry-service/target/quarkus-app/quarkus-run.jar"),
        "a registry started by hand");
  }

  @Test
  void matchingIgnoresCase() {
    assertTrue(
        Signature.of("LocalStackMain", "--HOME /x").matches("java localstackmain --home /x/y"));
  }

  @Test
  void everyPartMatchesItsOwnCommandLineAndNoOtherPartsCommandLine() {
    String state = "/home/ada/agentry/.agentry";
    String classpath =
        " -cp /m2/org/postgresql/postgresql.jar:/m2/kafka-clients.jar:/m2/s3proxy.jar";
    var lines =
        new String[][] {
          {
            "infra",
            "java -Dagentry.part=infra -Dagentry.home="
                + state
                + classpath
                + " io.agentry.localstack.LocalStackMain --home "
                + state
          },
          {
            "postgres", state + "/postgres/PG-1/bin/postgres -D " + state + "/data/postgres -p 5432"
          },
          {
            "kafka",
            "java -Dagentry.part=kafka -Dagentry.home="
                + state
                + classpath
                + " kafka.Kafka "
                + state
                + "/data/kafka/server.properties"
          },
          {
            "s3",
            "java -Dagentry.part=s3 -Dagentry.home="
                + state
                + " -jar /m2/s3proxy.jar --properties "
                + state
                + "/data/s3/s3proxy.properties"
          },
          {
            "registry",
            "java -Dagentry.part=registry -Dagentry.home="
                + state
                + " -Djava.io.tmpdir="
                + state
                + "/tmp/registry -Dkafka.bootstrap.servers=127.0.0.1:9092 -Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:5432/registry -jar /home/ada/agentry/registry-service/target/quarkus-app/quarkus-run.jar"
          },
          {
            "gateway",
            "java -Dagentry.part=gateway -Dagentry.home="
                + state
                + " -jar /home/ada/agentry/gateway/target/quarkus-app/quarkus-run.jar"
          },
        };
    for (String[] line : lines) {
      List<Part> matching =
          Arrays.stream(Part.values())
              .filter(part -> part.signature(home).matches(line[1]))
              .toList();
      assertEquals(List.of(Part.parse(line[0])), matching, line[1]);
    }
  }
}
