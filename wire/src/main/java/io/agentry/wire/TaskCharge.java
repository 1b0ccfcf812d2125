package io.agentry.wire;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * What a task costs if it succeeds, fixed when it was submitted: the agent's price then and the
 * agent's author, who earns it. Carried, optionally, by a {@link TaskMessage} and by every {@link
 * TaskEvent} of the task. The constructor enforces the codec's rules, throwing {@link
 * IllegalArgumentException} with the reason.
 *
 * @param price 0 to {@link TaskLimits#MAX_PRICE}, at most two decimal places; kept at scale 2
 * @param authorId the owner of the agent
 */
public record TaskCharge(BigDecimal price, UUID authorId) {

  public TaskCharge {
    Checks.present(price, "price");
    Checks.present(authorId, "authorId");
    price = Checks.price(price);
  }
}
