package io.agentry.gateway.service;

import io.agentry.gateway.client.ResultsClient;
import io.agentry.gateway.client.SpendingCaps;
import io.agentry.gateway.problem.GatewayException;
import io.agentry.gateway.problem.ProblemType;
import io.agentry.wire.TaskMessage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The user's monthly spending caps ({@code PUT /users/me/limits}, kept by results-service), checked
 * before a task is queued, next to {@link TaskQuota}: every path that queues a task goes through
 * {@link TaskQueue#enqueue}. A task is refused with 402 {@code spend-cap-reached} when the month
 * already has {@code monthlyTasks} tasks, or when the price of the month's SUCCEEDED tasks, plus
 * that of its tasks still queued or running, plus this task's price would pass {@code
 * monthlySpend}. Tasks queued but not yet recorded by results-service (normally for milliseconds)
 * are not seen: that is the possible overshoot. When the caps cannot be read the task is refused
 * with 503, as when the quota cannot be counted.
 */
@ApplicationScoped
public class SpendCap {

  private final ResultsClient results;

  public SpendCap(ResultsClient results) {
    this.results = results;
  }

  /** Fails with {@code spend-cap-reached} when {@code task} is past one of its user's caps. */
  public Uni<Void> check(TaskMessage task) {
    return results
        .spendingCaps(task.userId())
        .invoke(caps -> refuseIfPast(caps, task))
        .replaceWithVoid();
  }

  static void refuseIfPast(SpendingCaps caps, TaskMessage task) {
    SpendingCaps.Month month = caps.month();
    if (month == null) {
      return;
    }
    if (caps.monthlyTasks() != null && month.tasks() >= caps.monthlyTasks()) {
      throw refused(
          members("monthlyTasks", caps.monthlyTasks(), month.tasks()),
          month,
          "You have submitted "
              + month.tasks()
              + " tasks this month and your monthly cap is "
              + caps.monthlyTasks()
              + ".");
    }
    BigDecimal price = task.charge() == null ? BigDecimal.ZERO : task.charge().price();
    BigDecimal used = month.spent().add(month.inFlight());
    if (caps.monthlySpend() != null && used.add(price).compareTo(caps.monthlySpend()) > 0) {
      Map<String, Object> members = members("monthlySpend", caps.monthlySpend(), used);
      members.put("spent", month.spent());
      members.put("inFlight", month.inFlight());
      members.put("price", price);
      throw refused(
          members,
          month,
          "This month your tasks have spent "
              + month.spent().toPlainString()
              + (month.inFlight().signum() > 0
                  ? " and tasks still queued or running would spend "
                      + month.inFlight().toPlainString()
                  : "")
              + "; this task costs "
              + price.toPlainString()
              + " if it succeeds, which would pass your monthly cap of "
              + caps.monthlySpend().toPlainString()
              + ".");
    }
  }

  private static Map<String, Object> members(String cap, Object limit, Object used) {
    Map<String, Object> members = new LinkedHashMap<>();
    members.put("cap", cap);
    members.put("limit", limit);
    members.put("used", used);
    return members;
  }

  private static GatewayException refused(
      Map<String, Object> members, SpendingCaps.Month month, String why) {
    members.put("resetsAt", month.resetsAt().toString());
    return GatewayException.withMembers(
        ProblemType.SPEND_CAP_REACHED,
        why
            + " New tasks are accepted again when the month resets at "
            + month.resetsAt()
            + ", or after you raise the cap with PUT /api/v1/users/me/limits.",
        members,
        OptionalInt.empty());
  }
}
