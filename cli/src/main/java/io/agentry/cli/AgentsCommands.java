package io.agentry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code agents push | search | show}: the marketplace. */
final class AgentsCommands {

  private final Api api;
  private final PrintStream out;
  private final Progress progress;

  AgentsCommands(Api api, PrintStream out, Progress progress) {
    this.api = api;
    this.out = out;
    this.progress = progress;
  }

  int run(List<String> words) {
    if (words.isEmpty()) {
      throw CliException.usage("agents needs a subcommand: push, search or show");
    }
    List<String> rest = words.subList(1, words.size());
    switch (words.get(0)) {
      case "push":
        push(
            Args.parse(
                rest, Set.of("name", "version", "description", "capability", "price"), Set.of()));
        return 0;
      case "search":
        search(
            Args.parse(rest, Set.of("capability", "max-price", "min-rating", "limit"), Set.of()));
        return 0;
      case "show":
        show(Args.parse(rest, Set.of(), Set.of()));
        return 0;
      default:
        throw CliException.usage("unknown agents subcommand: " + words.get(0));
    }
  }

  /** Uploads a module with its metadata and prints the new agent; returns it. */
  JsonNode push(Args args) {
    Path file = Path.of(args.requirePositional(0, "the .wasm file to push"));
    if (!Files.isRegularFile(file)) {
      throw CliException.usage("no such file: " + file);
    }
    ObjectNode metadata = Api.object();
    metadata.put("name", args.requireOption("name"));
    metadata.put("version", args.requireOption("version"));
    metadata.put(
        "description", args.option("description").orElse(args.requireOption("name") + " agent"));
    metadata
        .putArray("capabilities")
        .addAll(args.all("capability").stream().map(Api.JSON.getNodeFactory()::textNode).toList());
    args.option("price").ifPresent(price -> metadata.put("price", price(price)));
    long size = file.toFile().length();
    MultipartBody body =
        MultipartBody.of(
            "metadata",
            metadata.toString(),
            "binary",
            file,
            sent -> progress.bytes("uploading " + file.getFileName(), sent, size));
    progress.bytes("uploading " + file.getFileName(), 0, size);
    HttpRequest.Builder request =
        api.request("/agents").header("Content-Type", body.contentType()).POST(body.publisher());
    JsonNode agent = Api.json(api.send(request));
    out.printf(
        "pushed %s %s as %s (sha256 %s)%n",
        agent.path("name").asText(),
        agent.path("version").asText(),
        agent.path("id").asText(),
        agent.path("binaryHash").asText());
    return agent;
  }

  private void search(Args args) {
    Map<String, Object> query = new LinkedHashMap<>();
    query.put("q", String.join(" ", args.positionals()));
    query.put("capability", args.all("capability"));
    query.put("maxPrice", args.option("max-price").orElse(null));
    query.put("minRating", args.option("min-rating").orElse(null));
    query.put("limit", args.intOption("limit").orElse(20));
    JsonNode page = api.get("/agents/search" + Api.query(query));
    if (page.path("items").isEmpty()) {
      out.println("no agents found");
      return;
    }
    out.printf("%-36s  %-24s  %-10s  %6s  %s%n", "ID", "NAME", "VERSION", "RATING", "DESCRIPTION");
    for (JsonNode agent : page.path("items")) {
      out.printf(
          "%-36s  %-24s  %-10s  %6s  %s%n",
          agent.path("id").asText(),
          agent.path("name").asText(),
          agent.path("version").asText(),
          agent.path("ratingCount").asInt() == 0
              ? "-"
              : String.format("%.1f", agent.path("rating").asDouble()),
          firstLine(agent.path("description").asText()));
    }
  }

  private void show(Args args) {
    String id = new AgentRef(api).resolve(args.requirePositional(0, "the agent id or name"));
    out.println(api.get("/agents/" + id).toPrettyString());
  }

  private static BigDecimal price(String text) {
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw CliException.usage("--price must be a number, not '" + text + "'");
    }
  }

  private static String firstLine(String text) {
    String line = text.lines().findFirst().orElse("");
    return line.length() > 60 ? line.substring(0, 57) + "..." : line;
  }
}
