package io.agentry.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentry.client.model.Agent;
import io.agentry.client.model.AgentPermissions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What {@code agents show} tells a user about an agent before they run it. */
class AgentTextTest {

  @Test
  void theOriginsAnAgentMayCallAreShownAndADashWhenItMayCallNone() {
    String calling =
        details(new AgentPermissions(List.of("https://api.example.com", "https://*.example.org")));
    String offline = details(new AgentPermissions(List.of()));
    String olderServer = details(null);

    assertTrue(
        calling
            .lines()
            .anyMatch(
                line ->
                    line.matches(
                        "\\s*may call\\s+https://api\\.example\\.com, https://\\*\\.example\\.org\\s*")),
        calling);
    assertTrue(offline.lines().anyMatch(line -> line.matches("\\s*may call\\s+-\\s*")), offline);
    assertTrue(olderServer.lines().anyMatch(line -> line.matches("\\s*may call\\s+-\\s*")));
  }

  private static String details(AgentPermissions permissions) {
    Agent agent =
        new Agent(
            UUID.randomUUID(),
            UUID.randomUUID(),
            "alice",
            "fetcher",
            "Fetches pages.",
            "1.0.0",
            List.of(),
            permissions,
            "active",
            BigDecimal.ZERO,
            "/api/v1/agents/x/binary",
            "ab".repeat(32),
            100,
            0,
            null,
            0,
            Instant.now(),
            Instant.now());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AgentText.details(new PrintStream(bytes, true, StandardCharsets.UTF_8), agent);
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
