package io.agentry.registry.repository;

import io.agentry.registry.Agent;

/**
 * An agent from a paged query, with its value of the sort key (e.g. the creation time, the rank or
 * the version key) for the next page's cursor.
 */
public record AgentHit(Agent agent, Object sortKey) {}
