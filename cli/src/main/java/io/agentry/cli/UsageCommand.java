package io.agentry.cli;

import io.agentry.client.model.Usage;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code usage}: what your tasks used and cost. */
@Command(
    name = "usage",
    mixinStandardHelpOptions = true,
    description = {
      "Show what your tasks used and cost, by agent or by day (this UTC month by default).",
      "A task is charged its agent's price, fixed when it was submitted, only if it succeeded."
    },
    footerHeading = "%nExample:%n",
    footer = {"  agentry usage", "  agentry usage --from 2026-11-01 --to 2026-12-01 --by day"})
final class UsageCommand implements Callable<Integer> {

  private final Context context;

  @Mixin OutputOptions output;

  @Mixin Period period;

  UsageCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Usage usage = context.client().usage(period.from, period.to, period.by);
    if (output.isJson()) {
      OutputOptions.printJson(context.out, usage);
      return 0;
    }
    Table table =
        new Table(
            period.by == null || period.by.equals("agent") ? "AGENT" : "DAY",
            "TASKS",
            "SUCCEEDED",
            "FAILED",
            "CPU MS",
            "WALL MS",
            "MIB-S",
            "HTTP",
            "SPEND");
    for (Usage.Row row : usage.rows()) {
      add(table, row.agentId() != null ? row.agentId() : row.day(), row);
    }
    add(table, "TOTAL", usage.totals());
    table.print(context.out);
    return 0;
  }

  private static void add(Table table, Object key, Usage.Row row) {
    table.row(
        key,
        row.tasks().total(),
        row.tasks().succeeded(),
        row.tasks().failed() + row.tasks().timedOut(),
        row.cpuMs(),
        row.wallMs(),
        row.memoryMibSeconds().toPlainString(),
        row.httpRequests(),
        row.spend().toPlainString());
  }

  /** The period and grouping options shared by {@code usage} and {@code earnings}. */
  static final class Period {

    @Option(
        names = "--from",
        description = "Start, inclusive: a date (UTC) or an ISO-8601 time. Default: this month.")
    String from;

    @Option(names = "--to", description = "End, exclusive, like --from. Default: next month.")
    String to;

    @Option(
        names = "--by",
        description = "Group by agent (default) or day.",
        completionCandidates = Groupings.class)
    String by;
  }

  /** The groupings {@code --by} takes. */
  static final class Groupings extends java.util.ArrayList<String> {
    Groupings() {
      super(java.util.List.of("agent", "day"));
    }
  }
}
