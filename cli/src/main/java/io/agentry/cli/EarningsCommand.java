package io.agentry.cli;

import io.agentry.client.model.Earnings;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code earnings}: what your agents earned. */
@Command(
    name = "earnings",
    mixinStandardHelpOptions = true,
    description =
        "Show your agents' paid runs (succeeded tasks with a price) and revenue, by agent or day.",
    footerHeading = "%nExample:%n",
    footer = "  agentry earnings --by day")
final class EarningsCommand implements Callable<Integer> {

  private final Context context;

  @Mixin OutputOptions output;

  @Mixin UsageCommand.Period period;

  EarningsCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Earnings earnings = context.client().earnings(period.from, period.to, period.by);
    if (output.isJson()) {
      OutputOptions.printJson(context.out, earnings);
      return 0;
    }
    Table table =
        new Table(
            period.by == null || period.by.equals("agent") ? "AGENT" : "DAY",
            "PAID RUNS",
            "REVENUE");
    for (Earnings.Row row : earnings.rows()) {
      table.row(
          row.agentId() != null ? row.agentId() : row.day(),
          row.paidRuns(),
          row.revenue().toPlainString());
    }
    table.row("TOTAL", earnings.totals().paidRuns(), earnings.totals().revenue().toPlainString());
    table.print(context.out);
    return 0;
  }
}
