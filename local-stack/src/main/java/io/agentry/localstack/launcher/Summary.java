package io.agentry.localstack.launcher;

import io.agentry.localstack.LocalTopology;
import io.agentry.localstack.LocalTopology.Port;
import java.io.PrintWriter;
import java.util.Optional;

/** What {@code up} prints at the end: where everything listens, and the API key. */
final class Summary {

  private Summary() {}

  static void print(PrintWriter out, LocalTopology topology, Optional<String> key) {
    out.println();
    out.printf(
        "  gateway    %-32s public entry point%n",
        "http://localhost:" + topology.port(Port.GATEWAY) + "/api/v1");
    out.printf("  registry   %-32s internal%n", "http://localhost:" + topology.port(Port.REGISTRY));
    out.printf("  results    %-32s internal%n", "http://localhost:" + topology.port(Port.RESULTS));
    out.printf(
        "  executor   %-32s internal (health and metrics)%n",
        "http://localhost:" + topology.port(Port.EXECUTOR));
    out.println();
    out.printf("  postgresql postgresql://127.0.0.1:%d%n", topology.port(Port.POSTGRES));
    out.printf("  kafka      127.0.0.1:%d%n", topology.port(Port.KAFKA));
    out.printf("  s3         http://127.0.0.1:%d%n", topology.port(Port.S3));
    out.println();
    if (key.isPresent()) {
      out.printf(
          "API key: %s   (sent as \"Authorization: Bearer <key>\"; ./agentry uses it by itself)%n",
          key.get());
    } else {
      out.println("How to get an API key (send it as \"Authorization: Bearer <apiKey>\"):");
      out.printf(
          "  curl -s -X POST http://localhost:%d/api/v1/users/register \\%n"
              + "    -H 'Content-Type: application/json' \\%n"
              + "    -d '{\"username\":\"alice\",\"password\":\"choose-a-password\"}'%n",
          topology.port(Port.GATEWAY));
    }
    out.println();
    out.println("Stop with ./agentry down; see ./agentry status and ./agentry logs NAME.");
  }
}
