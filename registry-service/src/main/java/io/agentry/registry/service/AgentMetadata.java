package io.agentry.registry.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.registry.problem.ProblemType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/** The {@code metadata} part of an upload, validated by the contract's rules. */
public record AgentMetadata(
    String name, String description, Semver version, List<String> capabilities, BigDecimal price) {

  private static final Set<String> FIELDS =
      Set.of("name", "description", "version", "capabilities", "price");

  public AgentMetadata {
    capabilities = List.copyOf(capabilities);
  }

  /** Reads and validates a metadata object; every problem is named in one 400. */
  public static AgentMetadata parse(JsonNode body) {
    JsonFields fields = JsonFields.of(body, ProblemType.INVALID_METADATA);
    fields.rejectOthers(FIELDS, "is not a metadata field");
    String name = fields.text("name", true);
    String description = fields.text("description", true);
    String versionText = fields.text("version", true);
    List<String> capabilities = fields.texts("capabilities");
    BigDecimal price = fields.number("price");

    AgentRules.name(name, fields);
    AgentRules.description(description, fields);
    Semver version = null;
    if (versionText != null) {
      version = Semver.parse(versionText).orElse(null);
      if (version == null) {
        fields.error(
            "version",
            "must be a semantic version 2.0 such as 1.4.0 or 2.0.0-rc.1 (numbers fit 64 bits)");
      }
    }
    AgentRules.capabilities(capabilities, fields);
    AgentRules.price(price, fields);
    fields.check();
    return new AgentMetadata(
        name,
        description,
        version,
        capabilities == null ? List.of() : capabilities,
        price == null ? BigDecimal.ZERO.setScale(2) : price.setScale(2));
  }
}
