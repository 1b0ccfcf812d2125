package io.agentry.registry.toolbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentry.registry.Agent;
import io.agentry.registry.AgentPermissions;
import io.agentry.registry.repository.ToolboxRepository;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ToolNamesTest {

  @Test
  void dotsBecomeUnderscoresAndLaterClashesAreQualifiedByTheOwner() {
    List<ToolboxEntry> entries =
        ToolNames.assign(
            List.of(
                row("alice", "text.tools"),
                row("bob", "text_tools"),
                row("bob", "text_tools"),
                row("carol", "search_agents")));
    assertEquals(
        List.of("text_tools", "bob_text_tools", "bob_text_tools_2", "carol_search_agents"),
        entries.stream().map(ToolboxEntry::toolName).toList());
  }

  @Test
  void namesNeverPassSixtyFourCharacters() {
    String name = "a".repeat(64);
    String owner = "o".repeat(64);
    List<ToolboxEntry> entries =
        ToolNames.assign(List.of(row(owner, name), row(owner, name), row(owner, name)));
    assertEquals(name, entries.get(0).toolName());
    assertEquals((owner + "_" + name).substring(0, 64), entries.get(1).toolName());
    assertEquals((owner + "_" + name).substring(0, 62) + "_2", entries.get(2).toolName());
  }

  private static ToolboxRepository.Row row(String owner, String name) {
    Instant now = Instant.now();
    Agent agent =
        new Agent(
            UUID.randomUUID(),
            UUID.randomUUID(),
            owner,
            name,
            "d",
            "1.0.0",
            List.of(),
            AgentPermissions.none(),
            "active",
            null,
            BigDecimal.ZERO,
            "/b",
            "0".repeat(64),
            1,
            0,
            null,
            0,
            0,
            null,
            0,
            0,
            null,
            now,
            now,
            null);
    return new ToolboxRepository.Row(agent, now);
  }
}
