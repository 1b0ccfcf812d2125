package io.agentry.registry.repository;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * Everything an upload writes into a new agent row.
 *
 * @param inputSchema compact JSON text, or null
 */
public record NewAgent(
    UUID id,
    UUID ownerId,
    String name,
    String description,
    String version,
    String versionKey,
    List<String> capabilities,
    List<String> httpOrigins,
    BigDecimal price,
    String binaryUrl,
    String binaryHash,
    long binarySize,
    String inputSchema) {}
