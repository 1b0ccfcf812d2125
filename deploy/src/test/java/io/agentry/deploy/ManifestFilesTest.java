package io.agentry.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ManifestFilesTest {

  @Test
  void everyYamlFileParsesIntoMappingDocuments() {
    List<String> problems = new ArrayList<>();
    for (Path file : DeployTree.yamlFiles()) {
      List<JsonNode> documents = Yaml.documents(file);
      if (documents.isEmpty()) {
        problems.add(DeployTree.relative(file) + ": no document");
      }
      documents.stream()
          .filter(doc -> !doc.isObject())
          .forEach(
              doc -> problems.add(DeployTree.relative(file) + ": a document is not a mapping"));
    }
    assertTrue(DeployTree.yamlFiles().size() > 20, "the YAML files were not found");
    assertEquals(List.of(), problems);
  }

  @Test
  void everyKubernetesDocumentHasAnApiVersionAKindAndAName() {
    List<String> problems = new ArrayList<>();
    for (Path file : kubernetesFiles()) {
      for (JsonNode doc : Yaml.documents(file)) {
        if (doc.path("apiVersion").asText().isEmpty()
            || Yaml.kind(doc).isEmpty()
            || (Yaml.name(doc).isEmpty() && !isKustomization(doc))) {
          problems.add(DeployTree.relative(file) + ": " + Yaml.kind(doc) + " " + Yaml.name(doc));
        }
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void everyPathAKustomizationNamesExists() {
    List<String> missing = new ArrayList<>();
    for (Path dir : kustomizationDirs()) {
      for (Kustomize.Reference reference : Kustomize.references(dir)) {
        Path target = reference.target();
        boolean ok =
            Files.isRegularFile(target)
                || (!reference.field().equals("patches")
                    && Files.isRegularFile(target.resolve(Kustomize.FILE)));
        if (!ok) {
          missing.add(
              DeployTree.relative(reference.kustomization())
                  + " "
                  + reference.field()
                  + ": "
                  + target);
        }
      }
    }
    assertEquals(List.of(), missing);
  }

  @Test
  void everyKubernetesFileIsPartOfAKustomization() {
    Set<Path> referenced = new HashSet<>();
    for (Path dir : kustomizationDirs()) {
      referenced.add(dir.resolve(Kustomize.FILE));
      Kustomize.references(dir).forEach(reference -> referenced.add(reference.target()));
    }
    List<String> orphans =
        kubernetesFiles().stream()
            .filter(file -> !referenced.contains(file))
            .map(DeployTree::relative)
            .toList();
    assertEquals(List.of(), orphans, "files no kustomization uses");
  }

  @Test
  void everyOverlayBuildsOnTheBase() {
    Path overlays = DeployTree.kubernetesDir().resolve("overlays");
    // The overlays themselves; a folder inside one (overlays/prod/kafka) is applied elsewhere.
    List<Path> dirs =
        kustomizationDirs().stream().filter(dir -> overlays.equals(dir.getParent())).toList();
    assertFalse(dirs.isEmpty());
    for (Path overlay : dirs) {
      boolean usesBase =
          Kustomize.references(overlay).stream()
              .anyMatch(
                  reference ->
                      reference.field().equals("resources")
                          && reference.target().equals(DeployTree.kubernetesDir().resolve("base")));
      assertTrue(usesBase, DeployTree.relative(overlay) + " does not include ../../base");
    }
  }

  @Test
  void noFileDeclaresASecret() {
    List<String> secrets = new ArrayList<>();
    for (Path file : kubernetesFiles()) {
      Yaml.documents(file).stream()
          .filter(doc -> Yaml.kind(doc).equals("Secret"))
          .forEach(doc -> secrets.add(DeployTree.relative(file) + ": " + Yaml.name(doc)));
    }
    assertEquals(List.of(), secrets, "Secrets are created in the cluster, never committed");
  }

  static List<Path> kubernetesFiles() {
    return DeployTree.yamlFiles().stream()
        .filter(file -> file.startsWith(DeployTree.kubernetesDir()))
        .toList();
  }

  static List<Path> kustomizationDirs() {
    return kubernetesFiles().stream()
        .filter(file -> file.getFileName().toString().equals(Kustomize.FILE))
        .map(Path::getParent)
        .toList();
  }

  private static boolean isKustomization(JsonNode doc) {
    return doc.path("apiVersion").asText().startsWith("kustomize.config.k8s.io/");
  }
}
