package io.agentry.bench;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.agentry.sandbox.PreparedModule;
import io.agentry.sandbox.RunOutcome;
import io.agentry.sandbox.RunRequest;
import io.agentry.sandbox.Sandbox;
import io.agentry.wire.TaskStatus;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchAgentsTest {

  private static final Path ROOT = Path.of("..");

  @Test
  void aUniqueCopyIsANewBinaryThatRunsTheSame() {
    byte[] tiny = BenchAgents.tiny(ROOT);
    byte[] first = BenchAgents.unique(tiny);
    byte[] second = BenchAgents.unique(tiny);

    assertFalse(Arrays.equals(first, second));
    assertArrayEquals(tiny, Arrays.copyOf(first, tiny.length));
    try (Sandbox sandbox = new Sandbox(1024)) {
      RunOutcome outcome =
          sandbox.run(
              PreparedModule.prepare(first),
              new RunRequest("hello".getBytes(UTF_8), List.of("rot13"), Map.of(), 10_000, 16));
      assertEquals(TaskStatus.SUCCEEDED, outcome.status());
      assertEquals("uryyb", new String(outcome.result().stdout(), UTF_8));
    }
  }

  @Test
  void theBusyAgentCountsDownAndExits() {
    try (Sandbox sandbox = new Sandbox(1024)) {
      RunOutcome outcome =
          sandbox.run(
              PreparedModule.prepare(BenchAgents.busy(1_000)),
              new RunRequest(new byte[0], List.of("busy"), Map.of(), 10_000, 16));
      assertEquals(TaskStatus.SUCCEEDED, outcome.status());
    }
  }
}
