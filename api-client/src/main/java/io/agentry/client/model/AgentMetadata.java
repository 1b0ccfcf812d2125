package io.agentry.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;

/** The {@code metadata} part of an upload; {@code price} may be null (free). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentMetadata(
    String name, String version, String description, List<String> capabilities, BigDecimal price) {}
