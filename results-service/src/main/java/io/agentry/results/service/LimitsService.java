package io.agentry.results.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.results.SpendingLimits;
import io.agentry.results.SpendingLimits.Caps;
import io.agentry.results.problem.FieldError;
import io.agentry.results.problem.InvalidRequestException;
import io.agentry.results.repository.LimitsRepository;
import io.agentry.results.repository.UsageRepository;
import io.agentry.wire.TaskLimits;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A user's monthly spending caps ({@code /users/me/limits}) and where the current month stands. The
 * gateway reads the same view ({@code /internal/users/{id}/limits}) to refuse a submission past a
 * cap; the month's usage is read only for a user who set a cap.
 */
@ApplicationScoped
public class LimitsService {

  private static final Set<String> FIELDS = Set.of("monthlySpend", "monthlyTasks");

  private final LimitsRepository limits;
  private final UsageRepository usage;
  private final Clock clock = Clock.systemUTC();

  public LimitsService(LimitsRepository limits, UsageRepository usage) {
    this.limits = limits;
    this.usage = usage;
  }

  /** The caps and, when there is any, the current month's usage (else {@code month} is null). */
  public Uni<SpendingLimits> forCheck(UUID userId) {
    return limits.get(userId).chain(caps -> view(userId, caps, caps.any()));
  }

  /** The caps and the current month's usage. */
  public Uni<SpendingLimits> get(UUID userId) {
    return limits.get(userId).chain(caps -> view(userId, caps, true));
  }

  /** Replaces the caps: an absent or null field has no cap. */
  public Uni<SpendingLimits> put(UUID userId, JsonNode body) {
    return Uni.createFrom()
        .item(() -> parse(body))
        .call(caps -> limits.put(userId, caps))
        .chain(caps -> view(userId, caps, true));
  }

  private Uni<SpendingLimits> view(UUID userId, Caps caps, boolean withMonth) {
    if (!withMonth) {
      return Uni.createFrom().item(new SpendingLimits(null, null, null));
    }
    BillingMonth month = BillingMonth.current(clock);
    return usage
        .month(userId, month.since(), month.resetsAt())
        .map(used -> new SpendingLimits(caps.monthlySpend(), caps.monthlyTasks(), used));
  }

  static Caps parse(JsonNode body) {
    List<FieldError> errors = new ArrayList<>();
    if (body == null || !body.isObject()) {
      throw new InvalidRequestException(
          List.of(new FieldError("body", "must be a JSON object {monthlySpend?, monthlyTasks?}")));
    }
    for (Map.Entry<String, JsonNode> field : body.properties()) {
      if (!FIELDS.contains(field.getKey())) {
        errors.add(new FieldError(field.getKey(), "is not a field of the limits"));
      }
    }
    BigDecimal spend = null;
    JsonNode rawSpend = body.get("monthlySpend");
    if (rawSpend != null && !rawSpend.isNull()) {
      BigDecimal value = rawSpend.isNumber() ? rawSpend.decimalValue() : null;
      if (value == null
          || value.signum() < 0
          || value.compareTo(TaskLimits.MAX_PRICE) > 0
          || value.stripTrailingZeros().scale() > 2) {
        errors.add(
            new FieldError(
                "monthlySpend",
                "must be a number from 0 to "
                    + TaskLimits.MAX_PRICE
                    + " with at most two decimal places, or null for no cap"));
      } else {
        spend = value.setScale(2);
      }
    }
    Integer tasks = null;
    JsonNode rawTasks = body.get("monthlyTasks");
    if (rawTasks != null && !rawTasks.isNull()) {
      if (rawTasks.isIntegralNumber() && rawTasks.canConvertToInt() && rawTasks.intValue() >= 0) {
        tasks = rawTasks.intValue();
      } else {
        errors.add(
            new FieldError(
                "monthlyTasks", "must be a whole number from 0 to 2147483647, or null for no cap"));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return new Caps(spend, tasks);
  }
}
