package io.agentry.cli;

import io.agentry.client.AgentFilter;
import io.agentry.client.AgentryClient;
import io.agentry.client.model.Agent;
import io.agentry.client.model.Page;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Finds the agent version a reference means, by exact lookups in the registry ({@code GET
 * /agents?name=&ownerName=&version=}), never by full-text search. {@code NAME} alone is the
 * caller's own agent of that name if there is one, else that of its only owner; with several other
 * owners it is ambiguous (a usage error listing {@code OWNER/NAME} for each). Without a version the
 * newest active version is meant.
 */
final class AgentResolver {

  private static final int PAGE = 100;
  private static final int MAX_PAGES = 20;

  private final AgentryClient client;

  AgentResolver(AgentryClient client) {
    this.client = client;
  }

  /** The agent's id: taken as it is when the reference is an id, else looked up. */
  UUID id(AgentReference reference) {
    return reference.id() != null ? reference.id() : resolve(reference).id();
  }

  Agent resolve(AgentReference reference) {
    if (reference.id() != null) {
      return client.agent(reference.id());
    }
    String owner = reference.owner() != null ? reference.owner() : owner(reference.name());
    return version(owner, reference.name(), reference.version());
  }

  /**
   * Like {@link #resolve}, but without {@code @VERSION} the newest version whatever its status (so
   * that the versions of an agent without an active one can be listed and changed), and with it
   * also a disabled version.
   */
  Agent resolveAnyVersion(AgentReference reference) {
    if (reference.id() != null) {
      return client.agent(reference.id());
    }
    String owner = reference.owner() != null ? reference.owner() : owner(reference.name());
    AgentFilter versions = AgentFilter.versionsOf(owner, reference.name(), reference.version());
    List<Agent> found = client.agents(versions.withPage(1, null)).items();
    if (found.isEmpty() && reference.version() != null) {
      found = client.agents(versions.withStatus("disabled").withPage(1, null)).items();
    }
    if (found.isEmpty()) {
      throw new CliException(
          "no agent " + new AgentReference(null, owner, reference.name(), reference.version()));
    }
    return found.get(0);
  }

  private String owner(String name) {
    TreeSet<String> owners = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    String cursor = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      Page<Agent> agents = client.agents(AgentFilter.named(name).withPage(PAGE, cursor));
      agents.items().forEach(agent -> owners.add(agent.ownerName()));
      cursor = agents.nextCursor();
      if (cursor == null) {
        break;
      }
    }
    if (owners.isEmpty()) {
      throw new CliException(
          "no agent is named '"
              + name
              + "' (agentry agents search "
              + name
              + " finds similar ones)");
    }
    if (owners.size() == 1) {
      return owners.first();
    }
    String me = client.me().username();
    if (owners.contains(me)) {
      return me;
    }
    StringBuilder candidates = new StringBuilder();
    owners.forEach(owner -> candidates.append("\n  ").append(owner).append('/').append(name));
    throw CliException.usage(
        "several owners publish an agent named '"
            + name
            + "'; name one as OWNER/NAME:"
            + candidates);
  }

  private Agent version(String owner, String name, String version) {
    String named = owner + "/" + name;
    if (version != null) {
      List<Agent> exact = client.agents(AgentFilter.versionsOf(owner, name, version)).items();
      if (exact.isEmpty()) {
        throw new CliException(
            "no version " + version + " of " + named + " (agentry agents versions " + named + ")");
      }
      return exact.get(0);
    }
    List<Agent> active =
        client
            .agents(
                AgentFilter.versionsOf(owner, name, null).withStatus("active").withPage(1, null))
            .items();
    if (!active.isEmpty()) {
      return active.get(0);
    }
    List<Agent> any =
        client.agents(AgentFilter.versionsOf(owner, name, null).withPage(1, null)).items();
    if (any.isEmpty()) {
      throw new CliException("no agent " + named + " (agentry agents search " + name + ")");
    }
    Agent newest = any.get(0);
    throw new CliException(
        named
            + " has no active version; the newest is "
            + newest.version()
            + " ("
            + newest.status().toLowerCase(Locale.ROOT)
            + "): name a version as "
            + named
            + "@VERSION");
  }
}
