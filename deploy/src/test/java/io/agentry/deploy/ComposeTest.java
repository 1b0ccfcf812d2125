package io.agentry.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The single-host compose file's service containers, against each service's configuration. */
class ComposeTest {

  private static final Pattern SECRET = Pattern.compile(".*(PASSWORD|SECRET|ACCESS_KEY_ID).*");
  private static final Pattern FROM_ENV_FILE = Pattern.compile("\\$\\{[A-Z0-9_]+(:\\?[^}]*)?}");

  @Test
  void composeRunsTheFourServices() {
    for (String service : DeployTree.SERVICES) {
      assertTrue(DeployTree.compose().path("services").has(service), service);
    }
  }

  @Test
  void healthchecksAskReadinessOnTheManagementPort() {
    assertNoProblems(
        (service, problems) -> {
          String test = service.container().path("healthcheck").path("test").toString();
          String expected = "http://localhost:" + ServiceModule.MANAGEMENT_PORT + "/q/health/ready";
          if (!test.contains(expected)) {
            problems.add("healthcheck " + test + " does not ask " + expected);
          }
        });
  }

  @Test
  void everyEnvironmentVariableSetsAKeyTheServiceDefines() {
    assertNoProblems(
        (service, problems) ->
            Yaml.fields(service.container().path("environment")).stream()
                .map(Map.Entry::getKey)
                .filter(name -> !service.module().acceptsEnv(name))
                .forEach(name -> problems.add(name + " sets no key of the service")));
  }

  @Test
  void everyLocalDefaultOfTheServiceIsReplaced() {
    assertNoProblems(
        (service, problems) -> {
          for (String key : service.module().localOnlyKeys()) {
            if (!service.container().path("environment").has(ServiceModule.envName(key))) {
              problems.add(ServiceModule.envName(key) + " is not set: " + key + " stays local");
            }
          }
        });
  }

  @Test
  void credentialsComeFromTheEnvFile() {
    assertNoProblems(
        (service, problems) ->
            Yaml.fields(service.container().path("environment")).stream()
                .filter(variable -> SECRET.matcher(variable.getKey()).matches())
                .filter(variable -> !FROM_ENV_FILE.matcher(variable.getValue().asText()).matches())
                .forEach(variable -> problems.add(variable.getKey() + " has a literal value")));
  }

  @Test
  void imagesAreNamedAfterTheServicesApplicationNames() {
    assertNoProblems(
        (service, problems) -> {
          String image = service.container().path("image").asText();
          String expected = "/" + service.module().applicationName() + ":";
          if (!image.contains(expected)) {
            problems.add("image " + image + " is not named " + expected);
          }
        });
  }

  @Test
  void servicesRunAsTheImageUserWithAReadOnlyRootFilesystem() {
    String user = String.valueOf(BuildImages.user());
    assertNoProblems(
        (service, problems) -> {
          JsonNode container = service.container();
          if (!container.path("user").asText().equals(user)
              || !container.path("read_only").asBoolean()
              || !container.path("tmpfs").toString().contains("/tmp")
              || !container.path("cap_drop").toString().contains("ALL")) {
            problems.add("not user " + user + ", read-only with a /tmp tmpfs, no capabilities");
          }
        });
  }

  @Test
  void stopGraceExceedsTheShutdownTimeout() {
    assertNoProblems(
        (service, problems) -> {
          String timeout =
              service.container().path("environment").path("QUARKUS_SHUTDOWN_TIMEOUT").asText();
          String grace = service.container().path("stop_grace_period").asText();
          if (timeout.isEmpty() || grace.isEmpty()) {
            problems.add("QUARKUS_SHUTDOWN_TIMEOUT or stop_grace_period is missing");
          } else if (Pods.duration(grace).compareTo(Pods.duration(timeout)) <= 0) {
            problems.add("stop_grace_period " + grace + " <= shutdown timeout " + timeout);
          }
        });
  }

  @Test
  void theDatabasesTheServicesUseAreCreated() {
    String init = read(DeployTree.deployDir().resolve("compose/postgres-init.sql"));
    String primary =
        DeployTree.compose()
            .path("services")
            .path("postgres")
            .path("environment")
            .path("POSTGRES_DB")
            .asText();
    assertNoProblems(
        (service, problems) -> {
          String url =
              service.container().path("environment").path("QUARKUS_DATASOURCE_JDBC_URL").asText();
          if (url.isEmpty()) {
            return;
          }
          String database = url.substring(url.lastIndexOf('/') + 1);
          if (!database.equals(primary) && !init.contains("CREATE DATABASE " + database + " ")) {
            problems.add("database " + database + " is never created");
          }
        });
  }

  record Service(ServiceModule module, JsonNode container) {}

  private static void assertNoProblems(BiConsumer<Service, List<String>> check) {
    List<String> problems = new ArrayList<>();
    for (String name : DeployTree.SERVICES) {
      Service service =
          new Service(ServiceModule.of(name), DeployTree.compose().path("services").path(name));
      List<String> found = new ArrayList<>();
      check.accept(service, found);
      found.forEach(problem -> problems.add(name + ": " + problem));
    }
    assertEquals(List.of(), problems);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
