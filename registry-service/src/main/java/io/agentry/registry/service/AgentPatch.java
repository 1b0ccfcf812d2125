package io.agentry.registry.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.registry.AgentStatus;
import io.agentry.registry.problem.ProblemType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * A {@code PATCH /agents/{id}} body: the fields to change; null fields stay as they are. A status
 * change replaces the status reason: {@code statusReason} says why a version is deprecated or
 * yanked, goes with such a status only, and leaves with the status.
 */
public record AgentPatch(
    String description,
    List<String> capabilities,
    BigDecimal price,
    AgentStatus status,
    String statusReason) {

  /** The longest reason for a deprecation or a yank, in characters. */
  public static final int MAX_STATUS_REASON = 500;

  private static final Set<String> FIELDS =
      Set.of("description", "capabilities", "price", "status", "statusReason");

  public static AgentPatch parse(JsonNode body) {
    JsonFields fields = JsonFields.of(body, ProblemType.INVALID_REQUEST);
    fields.rejectOthers(
        FIELDS, "cannot be changed (only description, capabilities, price, status, statusReason)");
    String description = fields.has("description") ? fields.text("description", true) : null;
    List<String> capabilities = fields.texts("capabilities");
    if (fields.has("capabilities") && body.get("capabilities").isNull()) {
      fields.error("capabilities", "must be an array of strings");
    }
    BigDecimal price = fields.number("price");
    String statusText = fields.has("status") ? fields.text("status", true) : null;
    AgentStatus status = null;
    if (statusText != null) {
      status = AgentStatus.fromWire(statusText).orElse(null);
      if (status == null) {
        fields.error("status", "must be " + AgentStatus.CHOICES);
      }
    }
    String statusReason = fields.has("statusReason") ? fields.text("statusReason", false) : null;
    if (statusReason != null) {
      statusReason = statusReason.strip();
      if (status != AgentStatus.DEPRECATED && status != AgentStatus.YANKED) {
        fields.error("statusReason", "goes only with a status of deprecated or yanked");
      } else if (statusReason.codePointCount(0, statusReason.length()) > MAX_STATUS_REASON) {
        fields.error("statusReason", "must be at most " + MAX_STATUS_REASON + " characters");
      } else if (!AgentRules.isStorableText(statusReason)) {
        fields.error("statusReason", "must not contain NUL characters or unpaired surrogates");
      }
      if (statusReason.isEmpty()) {
        statusReason = null;
      }
    }
    AgentRules.description(description, fields);
    AgentRules.capabilities(capabilities, fields);
    AgentRules.price(price, fields);
    fields.check();
    return new AgentPatch(
        description,
        capabilities == null ? null : List.copyOf(capabilities),
        price == null ? null : price.setScale(2),
        status,
        statusReason);
  }
}
