package io.agentry.sandbox;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentry.wire.TaskStatus;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class SampleAgentsTest {

  private static final Sandbox SANDBOX = new Sandbox(1024 * 1024);
  private static final PreparedModule UPPERCASE =
      PreparedModule.prepare(SampleAgents.wasm(SampleAgents.UPPERCASE));
  private static final PreparedModule SHA256 =
      PreparedModule.prepare(SampleAgents.wasm(SampleAgents.SHA256));

  @AfterAll
  static void closeSandbox() {
    SANDBOX.close();
  }

  @Test
  void bothSampleAgentsAreCompiled() {
    assertTrue(UPPERCASE.compiled());
    assertTrue(SHA256.compiled());
  }

  @Test
  void theRustAgentUpperCasesItsInput() {
    RunOutcome outcome = run(UPPERCASE, "hello, agentry".getBytes(UTF_8));

    assertEquals(TaskStatus.SUCCEEDED, outcome.status());
    assertEquals("HELLO, AGENTRY", new String(outcome.result().stdout(), UTF_8));
  }

  @Test
  void theRustAgentFollowsUnicodeCaseRules() {
    RunOutcome outcome = run(UPPERCASE, "straße, héllo".getBytes(UTF_8));

    assertEquals("STRASSE, HÉLLO", new String(outcome.result().stdout(), UTF_8));
  }

  @Test
  void theCAgentPrintsTheSha256OfEmptyInput() throws Exception {
    RunOutcome outcome = run(SHA256, new byte[0]);

    assertEquals(TaskStatus.SUCCEEDED, outcome.status());
    assertEquals(javaSha256(new byte[0]) + "\n", new String(outcome.result().stdout(), UTF_8));
  }

  @Test
  void theCAgentAgreesWithJavaOnAMegabyteOfRandomBytes() throws Exception {
    byte[] input = new byte[1024 * 1024 + 7];
    new Random(42).nextBytes(input);

    RunOutcome outcome = run(SHA256, input);

    assertEquals(TaskStatus.SUCCEEDED, outcome.status());
    assertEquals(javaSha256(input) + "\n", new String(outcome.result().stdout(), UTF_8));
  }

  private static RunOutcome run(PreparedModule module, byte[] stdin) {
    return SANDBOX.run(module, new RunRequest(stdin, List.of("agent"), Map.of(), 30_000, 16));
  }

  private static String javaSha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
