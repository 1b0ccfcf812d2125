package io.agentry.registry.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.registry.AgentStatus;
import io.agentry.registry.problem.ProblemType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/** A {@code PATCH /agents/{id}} body: the fields to change; null fields stay as they are. */
public record AgentPatch(
    String description, List<String> capabilities, BigDecimal price, AgentStatus status) {

  private static final Set<String> FIELDS =
      Set.of("description", "capabilities", "price", "status");

  public static AgentPatch parse(JsonNode body) {
    JsonFields fields = JsonFields.of(body, ProblemType.INVALID_REQUEST);
    fields.rejectOthers(
        FIELDS, "cannot be changed (only description, capabilities, price, status)");
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
        fields.error("status", "must be active, deprecated or disabled");
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
        status);
  }
}
