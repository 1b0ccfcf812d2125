package io.agentry.cli;

import io.agentry.client.model.Agent;
import io.agentry.client.model.Page;
import java.io.PrintStream;
import java.util.Locale;

/** Agents as text: a table of several, every field of one. */
final class AgentText {

  private AgentText() {}

  static void table(PrintStream out, PrintStream err, Page<Agent> page) {
    if (page.items().isEmpty()) {
      err.println("no agents found");
      return;
    }
    Table table = new Table("AGENT", "VERSION", "STATUS", "RATING", "RUNS", "DESCRIPTION");
    for (Agent agent : page.items()) {
      table.row(
          agent.ownerName() + "/" + agent.name(),
          agent.version(),
          agent.status(),
          rating(agent),
          agent.tasksCompleted(),
          Table.firstLine(agent.description(), 60));
    }
    table.print(out);
    more(err, page);
  }

  static void details(PrintStream out, Agent agent) {
    Table table =
        new Table("agent", agent.ownerName() + "/" + agent.name() + "@" + agent.version());
    table
        .row("id", agent.id())
        .row("owner", agent.ownerName() + " (" + agent.ownerId() + ")")
        .row("status", agent.status())
        .row("description", agent.description().replace("\n", "\n    "))
        .row(
            "capabilities",
            agent.capabilities().isEmpty() ? "-" : String.join(", ", agent.capabilities()))
        .row("may call", httpOrigins(agent))
        .row("price", agent.price().toPlainString())
        .row(
            "rating",
            rating(agent)
                + (agent.ratingCount() == 0 ? "" : " (" + agent.ratingCount() + " ratings)"))
        .row("runs", agent.tasksCompleted())
        .row("binary", agent.binarySize() + " bytes, sha256 " + agent.binaryHash())
        .row("created", agent.createdAt())
        .row("updated", agent.updatedAt());
    table.print(out);
  }

  /** The origins the agent may call over outbound HTTP, or a dash when none. */
  private static String httpOrigins(Agent agent) {
    if (agent.permissions() == null || agent.permissions().http().isEmpty()) {
      return "-";
    }
    return String.join(", ", agent.permissions().http());
  }

  /** Tells how to get the next page, when there is one. */
  static void more(PrintStream err, Page<?> page) {
    if (page.nextCursor() != null) {
      err.println("(more: add --cursor " + page.nextCursor() + ")");
    }
  }

  private static String rating(Agent agent) {
    return agent.ratingCount() == 0 || agent.rating() == null
        ? "-"
        : String.format(Locale.ROOT, "%.1f", agent.rating());
  }
}
