package io.agentry.client.model;

import java.time.Instant;

/**
 * An agent version in the caller's toolbox (docs/contract.md, "Toolbox").
 *
 * @param toolName the tool's name in the caller's MCP sessions
 */
public record ToolboxEntry(String toolName, Instant addedAt, Agent agent) {}
