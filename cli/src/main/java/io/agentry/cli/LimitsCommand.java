package io.agentry.cli;

import io.agentry.client.model.SpendingLimits;
import java.math.BigDecimal;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code limits}: show or set your monthly spending caps. */
@Command(
    name = "limits",
    mixinStandardHelpOptions = true,
    description = {
      "Show your monthly caps and the month so far, or set them.",
      "Setting replaces both caps: a cap you do not give is removed. Past a cap, a new task is"
          + " refused (402 spend-cap-reached) until the UTC month resets."
    },
    footerHeading = "%nExample:%n",
    footer = {
      "  agentry limits",
      "  agentry limits --monthly-spend 20 --monthly-tasks 1000",
      "  agentry limits --clear"
    })
final class LimitsCommand implements Callable<Integer> {

  private final Context context;

  @Mixin OutputOptions output;

  @Option(names = "--monthly-spend", description = "Most your tasks may be charged in a month.")
  BigDecimal monthlySpend;

  @Option(names = "--monthly-tasks", description = "Most tasks you may submit in a month.")
  Integer monthlyTasks;

  @Option(names = "--clear", description = "Remove both caps.")
  boolean clear;

  LimitsCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    boolean set = clear || monthlySpend != null || monthlyTasks != null;
    SpendingLimits limits =
        set
            ? context.client().setLimits(new SpendingLimits.Caps(monthlySpend, monthlyTasks))
            : context.client().limits();
    if (output.isJson()) {
      OutputOptions.printJson(context.out, limits);
      return 0;
    }
    SpendingLimits.Month month = limits.month();
    context.out.println(
        "monthly spend cap: "
            + (limits.monthlySpend() == null ? "none" : limits.monthlySpend().toPlainString())
            + ", spent "
            + month.spent().toPlainString()
            + " (+ "
            + month.inFlight().toPlainString()
            + " queued or running)");
    context.out.println(
        "monthly task cap: "
            + (limits.monthlyTasks() == null ? "none" : limits.monthlyTasks())
            + ", submitted "
            + month.tasks());
    context.out.println("the month resets at " + month.resetsAt());
    return 0;
  }
}
