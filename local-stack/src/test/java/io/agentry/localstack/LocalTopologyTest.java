package io.agentry.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentry.localstack.LocalTopology.Port;
import io.agentry.localstack.LocalTopology.Service;
import io.agentry.wire.ExecutorHeap;
import io.agentry.wire.TaskLimits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalTopologyTest {

  private static final long MIB = 1024 * 1024;

  @Test
  void withoutVariablesEveryPortIsTheContractsPort() {
    LocalTopology topology = LocalTopology.fromEnvironment(Map.of());
    assertEquals(8080, topology.port(Port.GATEWAY));
    assertEquals(8081, topology.port(Port.REGISTRY));
    assertEquals(8082, topology.port(Port.RESULTS));
    assertEquals(8083, topology.port(Port.EXECUTOR));
    assertEquals(5432, topology.port(Port.POSTGRES));
    assertEquals(9092, topology.port(Port.KAFKA));
    assertEquals(9093, topology.port(Port.KAFKA_CONTROLLER));
    assertEquals(9000, topology.port(Port.S3));
    assertEquals("http://127.0.0.1:8080/api/v1", topology.apiUrl());
  }

  @Test
  void aPortVariableMovesThatPortOnly() {
    LocalTopology topology =
        LocalTopology.fromEnvironment(
            Map.of("AGENTRY_PORT_GATEWAY", "18080", "AGENTRY_PORT_KAFKA_CONTROLLER", "19093"));
    assertEquals(18080, topology.port(Port.GATEWAY));
    assertEquals(19093, topology.port(Port.KAFKA_CONTROLLER));
    assertEquals(9092, topology.port(Port.KAFKA));
    assertEquals("http://127.0.0.1:18080/api/v1", topology.apiUrl());
  }

  @Test
  void twoPartsOnOnePortAreRefusedNamingBothAndTheVariable() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> LocalTopology.fromEnvironment(Map.of("AGENTRY_PORT_S3", "8080")));
    assertEquals(
        "gateway and s3 would both listen on port 8080; give one of them another port with"
            + " AGENTRY_PORT_S3",
        e.getMessage());
  }

  @Test
  void aMalformedOrOutOfRangePortIsRefusedNamingTheVariable() {
    for (String value : List.of("http", "0", "65536", "-1")) {
      var e =
          assertThrows(
              IllegalArgumentException.class,
              () -> LocalTopology.fromEnvironment(Map.of("AGENTRY_PORT_REGISTRY", value)));
      assertEquals(
          "AGENTRY_PORT_REGISTRY must be a number from 1 to 65535, was '" + value + "'",
          e.getMessage());
    }
  }

  @Test
  void theServicesAreWiredToEachOtherAndToTheInfrastructureOnTheTopologysPorts(@TempDir Path temp) {
    LocalTopology topology =
        LocalTopology.fromEnvironment(
            Map.of(
                "AGENTRY_PORT_REGISTRY", "18081",
                "AGENTRY_PORT_RESULTS", "18082",
                "AGENTRY_PORT_POSTGRES", "15432",
                "AGENTRY_PORT_KAFKA", "19092",
                "AGENTRY_PORT_S3", "19000",
                "AGENTRY_EXECUTOR_WORKERS_THREADS", "3"));
    Path data = temp.resolve(".agentry/data");
    Map<String, String> gateway = topology.serviceConfig(Service.GATEWAY, data);
    assertEquals("8080", gateway.get("quarkus.http.port"));
    assertEquals("http://127.0.0.1:18081", gateway.get("agentry.gateway.routes.registry-url"));
    assertEquals("http://127.0.0.1:18082", gateway.get("agentry.gateway.routes.results-url"));
    assertEquals(
        "http://127.0.0.1:18081/.well-known/jwks.json",
        gateway.get("mp.jwt.verify.publickey.location"));
    assertEquals(
        "jdbc:postgresql://127.0.0.1:15432/gateway", gateway.get("quarkus.datasource.jdbc.url"));
    assertEquals("127.0.0.1:19092", gateway.get("kafka.bootstrap.servers"));
    Map<String, String> registry = topology.serviceConfig(Service.REGISTRY, data);
    assertEquals("18081", registry.get("quarkus.http.port"));
    assertEquals("http://127.0.0.1:19000", registry.get("quarkus.s3.endpoint-override"));
    assertEquals(
        data.resolve("registry-keys").toString(),
        registry.get("agentry.registry.auth.generated-key-dir"));
    Map<String, String> executor = topology.serviceConfig(Service.EXECUTOR, data);
    assertEquals("http://127.0.0.1:18081", executor.get("agentry.executor.registry.url"));
    assertEquals("3", executor.get("agentry.executor.workers.threads"));
    assertEquals("true", executor.get("agentry.executor.http.allow-private"));
    String token =
        topology
            .serviceSecrets(Service.EXECUTOR, data)
            .get("AGENTRY_EXECUTOR_REGISTRY_SECRETS_TOKEN");
    assertEquals(32, token.length());
    assertEquals(
        token,
        topology
            .serviceSecrets(Service.REGISTRY, data)
            .get("AGENTRY_REGISTRY_SECRETS_EXECUTOR_TOKEN"));
    Map<String, String> results = topology.serviceConfig(Service.RESULTS, data);
    assertEquals(
        "postgresql://127.0.0.1:15432/results", results.get("quarkus.datasource.reactive.url"));
    assertEquals("http://127.0.0.1:18081", results.get("agentry.results.registry.url"));
  }

  @Test
  void noSecretOfAServiceIsOnItsCommandLine(@TempDir Path temp) {
    LocalTopology topology = LocalTopology.fromEnvironment(Map.of());
    Path data = temp.resolve(".agentry/data");
    for (Service service : Service.values()) {
      List<String> commandLine =
          LocalTopology.systemProperties(topology.serviceConfig(service, data));
      for (String secret : topology.serviceSecrets(service, data).values()) {
        assertTrue(
            commandLine.stream().noneMatch(argument -> argument.contains(secret)),
            service + " shows a secret in " + commandLine);
      }
    }
    assertFalse(topology.serviceSecrets(Service.EXECUTOR, data).isEmpty());
  }

  @Test
  void javaOptsReplaceEveryServicesJvmOptions() {
    LocalTopology topology =
        LocalTopology.fromEnvironment(Map.of("AGENTRY_JAVA_OPTS", " -Xmx300m  -XX:+UseG1GC "));
    assertEquals(List.of("-Xmx300m", "-XX:+UseG1GC"), topology.serviceJvm(Service.EXECUTOR));
    assertEquals(List.of("-Xmx300m", "-XX:+UseG1GC"), topology.serviceJvm(Service.GATEWAY));
  }

  /**
   * The executor's budget is a share of the maximum heap the JVM reports, which for the serial
   * collector is less than -Xmx: only a real JVM started with the topology's options can tell.
   */
  @Test
  void theExecutorsJvmReportsAHeapWhoseBudgetHoldsEveryWorkerAtTheLargestTaskMemory()
      throws Exception {
    for (int workers : List.of(1, 2, 4)) {
      LocalTopology topology =
          LocalTopology.fromEnvironment(
              Map.of("AGENTRY_EXECUTOR_WORKERS_THREADS", Integer.toString(workers)));
      long maxMemory = maxMemoryOf(topology.serviceJvm(Service.EXECUTOR));
      long runs = workers * TaskLimits.MAX_MEMORY_MB * MIB;
      double share = Double.parseDouble(ExecutorHeap.DEFAULT_HEAP_SHARE);
      assertTrue(
          (long) (maxMemory / MIB * share) >= runs / MIB,
          workers + " workers: budget " + (long) (maxMemory / MIB * share) + " MiB");
      assertTrue(
          maxMemory >= ExecutorHeap.minimumMaxHeapBytes(workers),
          workers + " workers: max heap " + maxMemory / MIB + " MiB");
    }
  }

  private static long maxMemoryOf(List<String> jvmOptions) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), PrintMaxHeap.class.getName()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), out);
    String[] lines = out.trim().split("\n");
    return Long.parseLong(lines[lines.length - 1].trim());
  }
}
