package io.agentry.registry.toolbox;

import io.agentry.registry.Agent;
import io.agentry.registry.repository.ToolboxRepository;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Names the tools of one toolbox. A tool is called by the agent's name with every character that
 * LLM APIs refuse in tool names ({@code .}) written as {@code _}, so names match {@code
 * [A-Za-z0-9_-]{1,64}}. Names are unique per toolbox, case-insensitively, and never those of the
 * MCP server's own tools: a later entry whose name is taken is called {@code <owner>_<name>}, then
 * {@code <owner>_<name>_2}, {@code _3} and so on. Entries are named in the order they were added,
 * so adding one never renames another; removing one may free a name for a later entry.
 */
public final class ToolNames {

  /** The MCP server's own tools, which no toolbox entry may shadow. */
  public static final Set<String> RESERVED = Set.of("search_agents", "run_agent");

  static final int MAX_LENGTH = 64;

  private ToolNames() {}

  /** The entries of a toolbox, oldest first, with their tool names. */
  public static List<ToolboxEntry> assign(List<ToolboxRepository.Row> rows) {
    Set<String> taken = new HashSet<>(RESERVED);
    List<ToolboxEntry> entries = new ArrayList<>(rows.size());
    for (ToolboxRepository.Row row : rows) {
      String name = pick(row.agent(), taken);
      taken.add(name.toLowerCase(Locale.ROOT));
      entries.add(new ToolboxEntry(name, row.addedAt(), row.agent()));
    }
    return entries;
  }

  private static String pick(Agent agent, Set<String> taken) {
    String plain = cut(safe(agent.name()), MAX_LENGTH);
    if (!taken.contains(plain.toLowerCase(Locale.ROOT))) {
      return plain;
    }
    String owner = agent.ownerName() == null ? agent.ownerId().toString() : agent.ownerName();
    String qualified = cut(safe(owner + "_" + agent.name()), MAX_LENGTH);
    String name = qualified;
    for (int n = 2; taken.contains(name.toLowerCase(Locale.ROOT)); n++) {
      String suffix = "_" + n;
      name = cut(qualified, MAX_LENGTH - suffix.length()) + suffix;
    }
    return name;
  }

  private static String safe(String text) {
    return text.replace('.', '_');
  }

  private static String cut(String text, int length) {
    return text.length() <= length ? text : text.substring(0, length);
  }
}
