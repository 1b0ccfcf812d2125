package io.agentry.registry.toolbox;

import io.agentry.registry.Agent;
import java.time.Instant;

/**
 * One agent in a user's toolbox, as {@code GET /users/me/toolbox} lists it.
 *
 * @param toolName the name MCP clients call it by: unique in this toolbox (see {@link ToolNames})
 */
public record ToolboxEntry(String toolName, Instant addedAt, Agent agent) {}
