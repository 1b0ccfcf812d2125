package io.agentry.cli;

import io.agentry.client.model.Agent;
import io.agentry.client.model.ToolboxEntry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code toolbox ...}: the agents the caller's MCP clients see as tools (docs/mcp.md). */
@Command(
    name = "toolbox",
    mixinStandardHelpOptions = true,
    description = "The agents your MCP clients see as tools of their own (docs/mcp.md).",
    commandListHeading = "%nCommands:%n",
    footerHeading = "%nExample:%n",
    footer = "  agentry toolbox add alice/wordcount")
final class ToolboxCommand implements Callable<Integer> {

  private final Context context;

  @Spec CommandSpec spec;

  ToolboxCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(context.err);
    return CliException.USAGE;
  }

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description =
          "Add an agent version to your toolbox; without @VERSION the newest active one. Prints"
              + " the tool's name.",
      footerHeading = "%nExample:%n",
      footer = "  agentry toolbox add alice/wordcount@1.2.0")
  int add(@Mixin OutputOptions output, @Parameters(paramLabel = "AGENT") String agent) {
    Agent found = new AgentResolver(context.client()).resolve(AgentReference.parse(agent));
    ToolboxEntry entry = context.client().addToToolbox(found.id());
    if (output.isJson()) {
      OutputOptions.printJson(context.out, entry);
    } else {
      context.out.println(entry.toolName() + "  " + entry.agent().reference());
    }
    return 0;
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List your toolbox, oldest first: each tool's name and its agent version.",
      footerHeading = "%nExample:%n",
      footer = "  agentry toolbox list --json")
  int list(@Mixin OutputOptions output) {
    List<ToolboxEntry> entries = context.client().toolbox();
    if (output.isJson()) {
      OutputOptions.printJson(context.out, Map.of("items", entries));
      return 0;
    }
    Table table = new Table("TOOL", "AGENT", "STATUS", "ID");
    entries.forEach(
        entry ->
            table.row(
                entry.toolName(),
                entry.agent().reference(),
                entry.agent().status(),
                entry.agent().id()));
    table.print(context.out);
    return 0;
  }

  @Command(
      name = "remove",
      mixinStandardHelpOptions = true,
      description = "Remove an agent version from your toolbox.",
      footerHeading = "%nExample:%n",
      footer = "  agentry toolbox remove alice/wordcount@1.2.0")
  int remove(@Parameters(paramLabel = "AGENT") String agent) {
    Agent found =
        new AgentResolver(context.client()).resolveAnyVersion(AgentReference.parse(agent));
    context.client().removeFromToolbox(found.id());
    context.out.println("removed " + found.reference());
    return 0;
  }
}
