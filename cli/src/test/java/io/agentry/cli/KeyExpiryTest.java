package io.agentry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class KeyExpiryTest {

  private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

  @Test
  void aTimeFromNowCountsMinutesHoursOrDays() {
    assertEquals(Instant.parse("2026-12-07T11:30:00Z"), KeyExpiry.parse("90m", NOW));
    assertEquals(Instant.parse("2026-12-08T10:00:00Z"), KeyExpiry.parse("24h", NOW));
    assertEquals(Instant.parse("2027-01-06T10:00:00Z"), KeyExpiry.parse("30d", NOW));
  }

  @Test
  void anInstantIsTakenAsItIs() {
    assertEquals(
        Instant.parse("2030-01-31T00:00:00Z"), KeyExpiry.parse("2030-01-31T00:00:00Z", NOW));
  }

  @Test
  void anythingElseIsAUsageErrorThatShowsTheForms() {
    for (String bad : new String[] {"tomorrow", "0d", "30", "-5d", "2030-01-31", "5w"}) {
      CliException e = assertThrows(CliException.class, () -> KeyExpiry.parse(bad, NOW), bad);
      assertTrue(e.getMessage().contains("90m, 12h or 30d"), e.getMessage());
    }
  }
}
