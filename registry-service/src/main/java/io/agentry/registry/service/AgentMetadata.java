package io.agentry.registry.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentry.registry.AgentPermissions;
import io.agentry.registry.problem.InvalidInputException;
import io.agentry.registry.problem.ProblemType;
import io.agentry.registry.toolbox.InputSchemas;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * The {@code metadata} part of an upload, validated by the contract's rules.
 *
 * @param inputSchema the compact JSON text of the arguments' JSON Schema, or null
 */
public record AgentMetadata(
    String name,
    String description,
    Semver version,
    List<String> capabilities,
    BigDecimal price,
    AgentPermissions permissions,
    String inputSchema) {

  private static final Set<String> FIELDS =
      Set.of(
          "name", "description", "version", "capabilities", "price", "permissions", "inputSchema");

  public AgentMetadata {
    capabilities = List.copyOf(capabilities);
    permissions = permissions == null ? AgentPermissions.none() : permissions;
  }

  /**
   * Reads the text of an upload's {@code metadata} part with {@code json} (the application's
   * mapper) and validates it: text that is not JSON, and every rule the object breaks, is a 400
   * {@code invalid-metadata}. Pure: no I/O, so it can be tested, and fuzzed, without HTTP.
   */
  public static AgentMetadata parse(String text, ObjectMapper json) {
    JsonNode body;
    try {
      body = json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(
          ProblemType.INVALID_METADATA,
          "The metadata part is not valid JSON: " + e.getOriginalMessage() + ".");
    } catch (NumberFormatException e) {
      // Jackson reports a number it cannot hold as a BigDecimal (an exponent beyond 32 bits, such
      // as 1E9999999999) with this unchecked exception instead of a parse error.
      throw new InvalidInputException(
          ProblemType.INVALID_METADATA,
          "The metadata part is not valid JSON: a number is out of range.");
    }
    return parse(body);
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
    String inputSchema = InputSchemas.check(body.get("inputSchema"), fields);
    AgentPermissions permissions = AgentRules.permissions(body.get("permissions"), fields);
    fields.check();
    return new AgentMetadata(
        name,
        description,
        version,
        capabilities == null ? List.of() : capabilities,
        price == null ? BigDecimal.ZERO.setScale(2) : price.setScale(2),
        permissions,
        inputSchema);
  }
}
