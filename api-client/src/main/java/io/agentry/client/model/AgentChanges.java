package io.agentry.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;

/** A {@code PATCH /agents/{id}}: the fields that are not null change. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentChanges(
    String description, List<String> capabilities, BigDecimal price, String status) {

  public boolean changesNothing() {
    return description == null && capabilities == null && price == null && status == null;
  }
}
