package io.agentry.cli;

import io.agentry.client.AgentFilter;
import io.agentry.client.AgentryClient;
import io.agentry.client.SearchFilter;
import io.agentry.client.model.Agent;
import io.agentry.client.model.AgentChanges;
import io.agentry.client.model.AgentMetadata;
import io.agentry.client.model.Page;
import io.agentry.client.model.Rating;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code agents ...}: the marketplace. */
@Command(
    name = "agents",
    mixinStandardHelpOptions = true,
    description = "Publish, find, show, change and rate agents.",
    commandListHeading = "%nCommands:%n",
    footerHeading = "%nExample:%n",
    footer = "  agentry agents list --mine")
final class AgentsCommand implements Callable<Integer> {

  private final Context context;

  @Spec CommandSpec spec;

  AgentsCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(context.err);
    return CliException.USAGE;
  }

  @Command(
      name = "push",
      description = "Upload a WASI preview1 module (.wasm) as a new version of an agent.",
      footerHeading = "%nExample:%n",
      footer = {
        "  agentry agents push json-pretty.wasm --name json-pretty --version 1.2.0 \\",
        "      --capability json --description 'Pretty-prints JSON'"
      })
  int push(
      @Parameters(paramLabel = "FILE", description = "The module.") Path file,
      @Option(
              names = "--name",
              required = true,
              paramLabel = "NAME",
              description = "1-64 of a-z, 0-9, '.', '_', '-'.")
          String name,
      @Option(
              names = "--version",
              required = true,
              paramLabel = "SEMVER",
              description = "A semantic version.")
          String version,
      @Option(
              names = "--description",
              paramLabel = "TEXT",
              description = "Default: '<name> agent'.")
          String description,
      @Option(names = "--capability", paramLabel = "C", description = "Repeatable.")
          List<String> capabilities,
      @Option(names = "--price", paramLabel = "P", description = "Default 0.") BigDecimal price,
      @Mixin OutputOptions output,
      @Option(
              names = {"-h", "--help"},
              usageHelp = true,
              description = "Show this help message and exit (--version is the agent's here).")
          boolean help) {
    if (!Files.isRegularFile(file)) {
      throw CliException.usage("no such file: " + file);
    }
    long size = file.toFile().length();
    String label = "uploading " + file.getFileName();
    context.progress.bytes(label, 0, size);
    Agent agent =
        context
            .client()
            .push(
                new AgentMetadata(
                    name,
                    version,
                    description != null ? description : name + " agent",
                    capabilities == null ? List.of() : capabilities,
                    price),
                file,
                sent -> context.progress.bytes(label, sent, size));
    if (output.isJson()) {
      OutputOptions.printJson(context.out, agent);
    } else {
      context.out.println(
          "pushed "
              + agent.reference()
              + " (id "
              + agent.id()
              + ", sha256 "
              + agent.binaryHash()
              + ")");
    }
    return 0;
  }

  @Command(
      name = "search",
      mixinStandardHelpOptions = true,
      description = {
        "Find agents by words of their name, capabilities and description, most relevant first;"
            + " an agent's exact name finds it first."
      },
      footerHeading = "%nExample:%n",
      footer = "  agentry agents search count words --max-price 1 --min-rating 4")
  int search(
      @Parameters(paramLabel = "WORDS", arity = "0..*") List<String> words,
      @Option(names = "--capability", paramLabel = "C", description = "Repeatable: all of them.")
          List<String> capabilities,
      @Option(names = "--max-price", paramLabel = "P") BigDecimal maxPrice,
      @Option(names = "--min-rating", paramLabel = "R") BigDecimal minRating,
      @Option(names = "--limit", paramLabel = "N", description = "1-100, default 20.")
          Integer limit,
      @Option(
              names = "--cursor",
              paramLabel = "CURSOR",
              description = "The next page, as the last one said.")
          String cursor,
      @Mixin OutputOptions output) {
    Page<Agent> page =
        context
            .client()
            .search(
                new SearchFilter(
                    words == null ? null : String.join(" ", words),
                    capabilities,
                    maxPrice,
                    minRating,
                    limit,
                    cursor));
    return printPage(page, output);
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List agents (not disabled ones, unless --status disabled), newest first.",
      footerHeading = "%nExample:%n",
      footer = {
        "  agentry agents list --owner alice --sort rating",
        "  agentry agents list --name json-pretty"
      })
  int list(
      @Option(names = "--name", paramLabel = "NAME", description = "Exactly this agent name.")
          String name,
      @Option(names = "--owner", paramLabel = "USERNAME", description = "Of this owner.")
          String owner,
      @Option(names = "--mine", description = "Your own agents.") boolean mine,
      @Option(
              names = "--status",
              paramLabel = "STATUS",
              description = "active, deprecated or disabled.")
          String status,
      @Option(names = "--capability", paramLabel = "C", description = "Repeatable: all of them.")
          List<String> capabilities,
      @Option(
              names = "--sort",
              paramLabel = "SORT",
              description = "createdAt (default), rating, tasksCompleted, name or version.")
          String sort,
      @Option(names = "--limit", paramLabel = "N", description = "1-100, default 20.")
          Integer limit,
      @Option(
              names = "--cursor",
              paramLabel = "CURSOR",
              description = "The next page, as the last one said.")
          String cursor,
      @Mixin OutputOptions output) {
    AgentryClient client = context.client();
    if (mine && owner != null) {
      throw CliException.usage("give --mine or --owner, not both");
    }
    String ownerName = mine ? client.me().username() : owner;
    Page<Agent> page =
        client.agents(
            new AgentFilter(
                name, ownerName, null, status, capabilities, null, sort, limit, cursor));
    return printPage(page, output);
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Show one agent version.",
      footerHeading = "%nExample:%n",
      footer = "  agentry agents show alice/json-pretty@1.2.0")
  int show(@Parameters(paramLabel = "AGENT") String agent, @Mixin OutputOptions output) {
    Agent found = new AgentResolver(context.client()).resolve(AgentReference.parse(agent));
    if (output.isJson()) {
      OutputOptions.printJson(context.out, found);
    } else {
      AgentText.details(context.out, found);
    }
    return 0;
  }

  @Command(
      name = "versions",
      mixinStandardHelpOptions = true,
      description = "List the versions of an agent, newest semver first.",
      footerHeading = "%nExample:%n",
      footer = "  agentry agents versions alice/json-pretty")
  int versions(
      @Parameters(paramLabel = "AGENT") String agent,
      @Option(names = "--limit", paramLabel = "N", description = "1-100, default 20.")
          Integer limit,
      @Option(
              names = "--cursor",
              paramLabel = "CURSOR",
              description = "The next page, as the last one said.")
          String cursor,
      @Mixin OutputOptions output) {
    AgentryClient client = context.client();
    AgentReference reference = AgentReference.parse(agent);
    Agent any = new AgentResolver(client).resolveAnyVersion(reference);
    return printPage(client.versions(any.id(), limit, cursor), output);
  }

  @Command(
      name = "update",
      mixinStandardHelpOptions = true,
      description =
          "Change an agent version's description, capabilities, price or status (owner only).",
      footerHeading = "%nExample:%n",
      footer = "  agentry agents update json-pretty@1.0.0 --status deprecated")
  int update(
      @Parameters(paramLabel = "AGENT") String agent,
      @Option(names = "--description", paramLabel = "TEXT") String description,
      @Option(names = "--capability", paramLabel = "C", description = "Repeatable: the new list.")
          List<String> capabilities,
      @Option(names = "--price", paramLabel = "P") BigDecimal price,
      @Option(
              names = "--status",
              paramLabel = "STATUS",
              description = "active, deprecated or disabled.")
          String status,
      @Mixin OutputOptions output) {
    AgentChanges changes = new AgentChanges(description, capabilities, price, status);
    if (changes.changesNothing()) {
      throw CliException.usage(
          "nothing to change: give --description, --capability, --price or --status");
    }
    AgentryClient client = context.client();
    Agent agentFound = new AgentResolver(client).resolveAnyVersion(AgentReference.parse(agent));
    Agent updated = client.update(agentFound.id(), changes);
    if (output.isJson()) {
      OutputOptions.printJson(context.out, updated);
    } else {
      context.out.println("updated " + updated.reference() + " (" + updated.status() + ")");
    }
    return 0;
  }

  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = {
        "Disable an agent version (owner only): it can no longer run; its results stay. Without"
            + " @VERSION the newest active version is meant."
      },
      footerHeading = "%nExample:%n",
      footer = "  agentry agents delete json-pretty@1.0.0")
  int delete(@Parameters(paramLabel = "AGENT") String agent) {
    AgentryClient client = context.client();
    Agent found = new AgentResolver(client).resolve(AgentReference.parse(agent));
    client.delete(found.id());
    context.out.println("disabled " + found.reference());
    return 0;
  }

  @Command(
      name = "rate",
      mixinStandardHelpOptions = true,
      description =
          "Rate someone else's agent version from 1 to 5; a second rating replaces yours.",
      footerHeading = "%nExample:%n",
      footer = "  agentry agents rate bob/wordcount 5")
  int rate(
      @Parameters(index = "0", paramLabel = "AGENT") String agent,
      @Parameters(index = "1", paramLabel = "SCORE", description = "1 to 5.") int score,
      @Mixin OutputOptions output) {
    AgentryClient client = context.client();
    Agent found = new AgentResolver(client).resolve(AgentReference.parse(agent));
    Rating rating = client.rate(found.id(), score);
    if (output.isJson()) {
      OutputOptions.printJson(context.out, rating);
    } else {
      context.out.println(
          "rated "
              + found.reference()
              + ": now "
              + rating.rating()
              + " from "
              + rating.ratingCount()
              + " ratings");
    }
    return 0;
  }

  private int printPage(Page<Agent> page, OutputOptions output) {
    if (output.isJson()) {
      OutputOptions.printJson(context.out, page);
    } else {
      AgentText.table(context.out, context.err, page);
    }
    return 0;
  }
}
