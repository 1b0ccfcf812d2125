package io.agentry.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Kubernetes variants a user can deploy, rendered: each overlay, and the base with each
 * executor autoscaler (the HPA component is in no overlay, so it is checked on the base).
 */
final class Variants {

  private static Map<String, List<ObjectNode>> rendered;

  private Variants() {}

  static synchronized Map<String, List<ObjectNode>> all() {
    if (rendered == null) {
      Path k8s = DeployTree.kubernetesDir();
      Map<String, List<ObjectNode>> variants = new LinkedHashMap<>();
      variants.put("overlays/dev", Kustomize.render(k8s.resolve("overlays/dev")));
      variants.put("overlays/prod", Kustomize.render(k8s.resolve("overlays/prod")));
      for (String component : List.of("executor-keda", "executor-hpa")) {
        List<ObjectNode> documents = Kustomize.render(k8s.resolve("base"));
        Kustomize.apply(k8s.resolve("components/" + component), documents);
        variants.put("base + components/" + component, documents);
      }
      rendered = variants;
    }
    return rendered;
  }

  static List<ObjectNode> ofKind(List<ObjectNode> documents, String kind) {
    return documents.stream().filter(doc -> Yaml.kind(doc).equals(kind)).toList();
  }

  static Optional<ObjectNode> find(List<ObjectNode> documents, String kind, String name) {
    return documents.stream()
        .filter(doc -> Yaml.kind(doc).equals(kind) && Yaml.name(doc).equals(name))
        .findFirst();
  }

  /** The one container of a Deployment that runs an Agentry service, named as its module. */
  static JsonNode serviceContainer(JsonNode deployment) {
    List<JsonNode> containers =
        Yaml.list(deployment.path("spec").path("template").path("spec").path("containers"));
    if (containers.size() != 1) {
      throw new AssertionError(Yaml.name(deployment) + " should run exactly one container");
    }
    return containers.get(0);
  }

  /** The Deployments of the four services (labelled part-of: agentry). */
  static List<ObjectNode> serviceDeployments(List<ObjectNode> documents) {
    return ofKind(documents, "Deployment").stream()
        .filter(
            doc ->
                Yaml.text(doc, "metadata", "labels", "app.kubernetes.io/part-of")
                    .orElse("")
                    .equals("agentry"))
        .toList();
  }
}
