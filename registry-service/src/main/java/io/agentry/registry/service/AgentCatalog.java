package io.agentry.registry.service;

import io.agentry.registry.Agent;
import io.agentry.registry.AgentSort;
import io.agentry.registry.Page;
import io.agentry.registry.repository.AgentHit;
import io.agentry.registry.repository.AgentQueryRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** Browsing the marketplace: lists, search and an agent's versions, one page at a time. */
@ApplicationScoped
public class AgentCatalog {

  private final AgentQueryRepository queries;
  private final AgentService agents;

  public AgentCatalog(AgentQueryRepository queries, AgentService agents) {
    this.queries = queries;
    this.agents = agents;
  }

  /** A page of {@code GET /agents} or {@code GET /agents/search}. */
  public Uni<Page<Agent>> find(AgentQuery.Paging paging) {
    return queries
        .find(paging.filter())
        .map(hits -> page(hits, paging.pageSize(), paging.filter().sort()));
  }

  /** The owner's agents with the same name as {@code id}, newest semver first. */
  public Uni<Page<Agent>> versions(UUID id, String limit, String cursor) {
    int size = AgentQuery.limitOnly(limit);
    String after =
        cursor == null || cursor.isEmpty()
            ? null
            : (String) Cursor.decode(cursor, AgentSort.VERSION).key();
    return agents
        .get(id)
        .chain(agent -> queries.versions(agent.ownerId(), agent.name(), after, size + 1))
        .map(hits -> page(hits, size, AgentSort.VERSION));
  }

  private static Page<Agent> page(List<AgentHit> hits, int size, AgentSort sort) {
    List<Agent> items = hits.stream().limit(size).map(AgentHit::agent).toList();
    if (hits.size() <= size) {
      return new Page<>(items, null);
    }
    AgentHit last = hits.get(size - 1);
    Object key = last.sortKey();
    if (sort == AgentSort.RATING && key == null) {
      key = BigDecimal.ZERO;
    }
    return new Page<>(items, new Cursor(sort, key, last.agent().id()).encode());
  }
}
