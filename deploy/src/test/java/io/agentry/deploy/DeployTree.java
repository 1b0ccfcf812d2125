package io.agentry.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the deployment files and the services' sources are, and the YAML files under deploy/. */
final class DeployTree {

  /** The services, named as their Maven module directories (and their container names). */
  static final List<String> SERVICES =
      List.of("gateway", "registry-service", "results-service", "executor-service");

  private DeployTree() {}

  /** The deploy module's directory. */
  static Path deployDir() {
    String dir = System.getProperty("agentry.deploy.dir");
    return (dir == null ? Path.of("") : Path.of(dir)).toAbsolutePath().normalize();
  }

  static Path repositoryDir() {
    return deployDir().getParent();
  }

  static Path kubernetesDir() {
    return deployDir().resolve("kubernetes");
  }

  static Path composeFile() {
    return deployDir().resolve("compose/compose.yaml");
  }

  static Path buildImagesScript() {
    return deployDir().resolve("build-images.sh");
  }

  static Path operationsGuide() {
    return repositoryDir().resolve("docs/operations.md");
  }

  /** Every YAML file under deploy/, build output excluded. */
  static List<Path> yamlFiles() {
    Path target = deployDir().resolve("target");
    try (Stream<Path> files = Files.walk(deployDir())) {
      return files
          .filter(Files::isRegularFile)
          .filter(file -> !file.startsWith(target))
          .filter(file -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The compose file's one document. */
  static JsonNode compose() {
    return Yaml.documents(composeFile()).get(0);
  }

  static String relative(Path file) {
    return deployDir().relativize(file).toString();
  }
}
