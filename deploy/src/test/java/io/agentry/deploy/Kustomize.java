package io.agentry.deploy;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Enough of kustomize to render this folder's kustomizations in Java: resources, components,
 * strategic-merge and JSON 6902 patches, images, replicas and namespace. A kustomization that uses
 * anything else fails to render here, so the tests never check an approximation silently; {@code
 * deploy/validate.sh} renders with kustomize itself.
 */
final class Kustomize {

  static final String FILE = "kustomization.yaml";

  private static final Set<String> SUPPORTED_FIELDS =
      Set.of(
          "apiVersion",
          "kind",
          "resources",
          "components",
          "patches",
          "images",
          "replicas",
          "namespace");

  /** A path a kustomization names, in one of its fields. */
  record Reference(Path kustomization, String field, Path target) {}

  private Kustomize() {}

  static JsonNode kustomization(Path dir) {
    List<JsonNode> documents = Yaml.documents(dir.resolve(FILE));
    if (documents.size() != 1) {
      throw new IllegalStateException(dir.resolve(FILE) + " must hold one document");
    }
    return documents.get(0);
  }

  /** Every file or directory the kustomization in dir names (resources, components, patches). */
  static List<Reference> references(Path dir) {
    JsonNode k = kustomization(dir);
    Path file = dir.resolve(FILE);
    List<Reference> references = new ArrayList<>();
    for (JsonNode resource : Yaml.list(k.path("resources"))) {
      references.add(new Reference(file, "resources", dir.resolve(resource.asText()).normalize()));
    }
    for (JsonNode component : Yaml.list(k.path("components"))) {
      references.add(
          new Reference(file, "components", dir.resolve(component.asText()).normalize()));
    }
    for (JsonNode patch : Yaml.list(k.path("patches"))) {
      if (patch.has("path")) {
        references.add(
            new Reference(file, "patches", dir.resolve(patch.path("path").asText()).normalize()));
      }
    }
    return references;
  }

  /** The documents that the kustomization in dir renders to. */
  static List<ObjectNode> render(Path dir) {
    List<ObjectNode> documents = new ArrayList<>();
    apply(dir, documents);
    return documents;
  }

  /** Applies the kustomization or component in dir to documents already rendered. */
  static void apply(Path dir, List<ObjectNode> documents) {
    JsonNode k = kustomization(dir);
    for (Map.Entry<String, JsonNode> field : Yaml.fields(k)) {
      if (!SUPPORTED_FIELDS.contains(field.getKey())) {
        throw new IllegalStateException(
            dir.resolve(FILE) + ": the test renderer does not support '" + field.getKey() + "'");
      }
    }
    for (JsonNode resource : Yaml.list(k.path("resources"))) {
      Path path = dir.resolve(resource.asText()).normalize();
      if (Files.isDirectory(path)) {
        documents.addAll(render(path));
      } else {
        Yaml.documents(path).forEach(doc -> documents.add((ObjectNode) doc.deepCopy()));
      }
    }
    for (JsonNode component : Yaml.list(k.path("components"))) {
      apply(dir.resolve(component.asText()).normalize(), documents);
    }
    for (JsonNode patch : Yaml.list(k.path("patches"))) {
      String text =
          patch.has("path")
              ? read(dir.resolve(patch.path("path").asText()))
              : patch.path("patch").asText();
      applyPatch(text, patch.path("target"), documents, dir);
    }
    for (JsonNode image : Yaml.list(k.path("images"))) {
      documents.forEach(doc -> setImage(doc, image));
    }
    for (JsonNode replicas : Yaml.list(k.path("replicas"))) {
      matching(documents, "Deployment", replicas.path("name").asText(), dir)
          .forEach(doc -> ((ObjectNode) doc.path("spec")).set("replicas", replicas.path("count")));
    }
    Yaml.text(k, "namespace")
        .ifPresent(
            namespace ->
                documents.stream()
                    .filter(doc -> !Yaml.kind(doc).equals("Namespace"))
                    .forEach(
                        doc -> ((ObjectNode) doc.path("metadata")).put("namespace", namespace)));
  }

  private static void applyPatch(
      String text, JsonNode target, List<ObjectNode> documents, Path dir) {
    List<JsonNode> patches = Yaml.documents(text);
    if (patches.size() == 1 && patches.get(0).isArray()) {
      for (ObjectNode doc :
          matching(documents, target.path("kind").asText(), target.path("name").asText(), dir)) {
        for (JsonNode op : patches.get(0)) {
          jsonPatch(doc, op);
        }
      }
      return;
    }
    for (JsonNode patch : patches) {
      for (ObjectNode doc : matching(documents, Yaml.kind(patch), Yaml.name(patch), dir)) {
        merge(doc, patch, isBuiltIn(doc));
      }
    }
  }

  private static List<ObjectNode> matching(
      List<ObjectNode> documents, String kind, String name, Path dir) {
    List<ObjectNode> matches =
        documents.stream()
            .filter(doc -> Yaml.kind(doc).equals(kind) && Yaml.name(doc).equals(name))
            .toList();
    if (matches.isEmpty()) {
      throw new IllegalStateException(dir + ": nothing to patch for " + kind + " " + name);
    }
    return matches;
  }

  /**
   * Strategic merge for Kubernetes' own kinds (lists of named items merge by name), JSON merge for
   * custom resources (lists are replaced), as kustomize does.
   */
  static void merge(ObjectNode target, JsonNode patch, boolean strategic) {
    for (Map.Entry<String, JsonNode> field : Yaml.fields(patch)) {
      String key = field.getKey();
      JsonNode value = field.getValue();
      JsonNode current = target.get(key);
      if (value.isNull()) {
        target.remove(key);
      } else if (current instanceof ObjectNode object && value.isObject()) {
        merge(object, value, strategic);
      } else if (strategic
          && current instanceof ArrayNode array
          && value.isArray()
          && named(array, value)) {
        mergeByName(array, value);
      } else {
        target.set(key, value.deepCopy());
      }
    }
  }

  /** Kinds of the Kubernetes API itself, whose groups have no dot (or end in .k8s.io). */
  static boolean isBuiltIn(JsonNode doc) {
    String apiVersion = doc.path("apiVersion").asText();
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    return !group.contains(".") || group.endsWith(".k8s.io");
  }

  private static boolean named(JsonNode... arrays) {
    for (JsonNode array : arrays) {
      for (JsonNode item : array) {
        if (!item.isObject() || !item.has("name")) {
          return false;
        }
      }
    }
    return true;
  }

  private static void mergeByName(ArrayNode target, JsonNode patch) {
    for (JsonNode item : patch) {
      JsonNode existing = null;
      for (JsonNode candidate : target) {
        if (candidate.path("name").equals(item.path("name"))) {
          existing = candidate;
        }
      }
      if (existing instanceof ObjectNode object) {
        merge(object, item, true);
      } else {
        target.add(item.deepCopy());
      }
    }
  }

  private static void jsonPatch(ObjectNode doc, JsonNode op) {
    JsonPointer path = JsonPointer.compile(op.path("path").asText());
    JsonNode parent = doc.at(path.head());
    String field = path.last().getMatchingProperty();
    if (!(parent instanceof ObjectNode object)) {
      throw new IllegalStateException("JSON patch path not in an object: " + path);
    }
    switch (op.path("op").asText()) {
      case "remove" -> {
        if (object.remove(field) == null) {
          throw new IllegalStateException("JSON patch removes a missing field: " + path);
        }
      }
      case "add", "replace" -> object.set(field, op.path("value").deepCopy());
      default -> throw new IllegalStateException("JSON patch op not supported: " + op);
    }
  }

  private static void setImage(JsonNode doc, JsonNode image) {
    JsonNode podSpec = doc.path("spec").path("template").path("spec");
    for (String list : List.of("containers", "initContainers")) {
      for (JsonNode container : Yaml.list(podSpec.path(list))) {
        String reference = container.path("image").asText();
        int colon = reference.lastIndexOf(':');
        String repository = colon < 0 ? reference : reference.substring(0, colon);
        String tag = colon < 0 ? "latest" : reference.substring(colon + 1);
        if (repository.equals(image.path("name").asText())) {
          String newName = Yaml.text(image, "newName").orElse(repository);
          String newTag = Yaml.text(image, "newTag").orElse(tag);
          ((ObjectNode) container).set("image", TextNode.valueOf(newName + ":" + newTag));
        }
      }
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
