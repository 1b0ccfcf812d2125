package io.agentry.registry.toolbox;

import io.agentry.registry.Caller;
import io.agentry.registry.problem.NotFoundException;
import io.agentry.registry.repository.ToolboxRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * A user's toolbox: the agent versions an MCP client of theirs sees as tools. Any active agent can
 * be added, the user's own or another author's; each user's toolbox is theirs alone. One user's
 * changes are made one at a time (their row is locked), so the size limit holds.
 */
@ApplicationScoped
public class Toolbox {

  private final Pool pool;
  private final ToolboxRepository entries;
  private final int maxEntries;

  public Toolbox(Pool pool, ToolboxRepository entries, ToolboxConfig config) {
    this.pool = pool;
    this.entries = entries;
    this.maxEntries = config.maxEntries();
  }

  /** What {@code PUT} did: the entry, and whether it was new. */
  public record Added(ToolboxEntry entry, boolean created) {}

  public Uni<List<ToolboxEntry>> list(Caller caller) {
    return entries.list(caller.id()).map(ToolNames::assign);
  }

  /** Adds an active agent; adding one that is there already changes nothing. */
  public Uni<Added> add(Caller caller, UUID agentId) {
    return pool.withTransaction(
            tx ->
                entries
                    .lockUser(tx, caller.id())
                    .chain(() -> entries.agentStatus(tx, agentId))
                    .chain(
                        status -> {
                          if (status.isEmpty()) {
                            throw NotFoundException.agent(agentId);
                          }
                          if (!status.get().equals("active")) {
                            throw ToolboxException.unavailable(agentId, status.get());
                          }
                          return entries.insert(tx, caller.id(), agentId);
                        })
                    .call(
                        created ->
                            created
                                ? entries
                                    .count(tx, caller.id())
                                    .invoke(
                                        count -> {
                                          if (count > maxEntries) {
                                            throw ToolboxException.full(maxEntries);
                                          }
                                        })
                                : Uni.createFrom().voidItem()))
        .chain(
            created ->
                list(caller)
                    .map(
                        toolbox ->
                            new Added(
                                toolbox.stream()
                                    .filter(entry -> entry.agent().id().equals(agentId))
                                    .findFirst()
                                    .orElseThrow(),
                                created)));
  }

  public Uni<Void> remove(Caller caller, UUID agentId) {
    return entries
        .delete(caller.id(), agentId)
        .invoke(
            removed -> {
              if (!removed) {
                throw ToolboxException.notInToolbox(agentId);
              }
            })
        .replaceWithVoid();
  }
}
