package io.agentry.wire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RoundTripTest {
  private static final ObjectMapper PLAIN = new ObjectMapper();

  @Test
  void fullTaskSurvivesARoundTrip() {
    TaskMessage task = Samples.fullTask();
    assertEquals(task, WireCodec.decodeTask(WireCodec.encode(task)));
  }

  @Test
  void minimalTaskSurvivesARoundTrip() {
    TaskMessage task = Samples.minimalTask();
    assertEquals(task, WireCodec.decodeTask(WireCodec.encode(task)));
  }

  @Test
  void inputWithEveryByteValueSurvivesARoundTrip() {
    byte[] decoded = WireCodec.decodeTask(WireCodec.encode(Samples.fullTask())).input();
    assertArrayEquals(Samples.allByteValues(), decoded);
  }

  @Test
  void envKeepsItsInsertionOrder() {
    TaskMessage decoded = WireCodec.decodeTask(WireCodec.encode(Samples.fullTask()));
    assertEquals(List.of("ZETA", "GRÜSSE", "ALPHA"), new ArrayList<>(decoded.env().keySet()));
  }

  @Test
  void taskIsWrittenWithTheContractFieldNamesInOrder() throws IOException {
    JsonNode json = PLAIN.readTree(WireCodec.encode(Samples.fullTask()));
    assertEquals(
        List.of(
            "specVersion",
            "taskId",
            "agentId",
            "userId",
            "binaryHash",
            "input",
            "args",
            "env",
            "timeoutMs",
            "maxMemoryMb",
            "submittedAt"),
        fieldNames(json));
  }

  @Test
  void taskValuesAreWrittenAsTheContractDescribes() throws IOException {
    JsonNode json = PLAIN.readTree(WireCodec.encode(Samples.fullTask()));
    assertEquals(1, json.get("specVersion").intValue());
    assertEquals(Samples.TASK_ID.toString(), json.get("taskId").textValue());
    assertEquals(
        Base64.getEncoder().encodeToString(Samples.allByteValues()), json.get("input").textValue());
    assertEquals("2025-03-01T12:34:56.789123456Z", json.get("submittedAt").textValue());
    assertEquals(120_000, json.get("timeoutMs").intValue());
  }

  @Test
  void absentBinaryHashIsOmitted() throws IOException {
    JsonNode json = PLAIN.readTree(WireCodec.encode(Samples.minimalTask()));
    assertFalse(json.has("binaryHash"));
  }

  @Test
  void unicodeIsWrittenAsUtf8NotEscaped() {
    String json = new String(WireCodec.encode(Samples.fullTask()), UTF_8);
    assertTrue(json.contains("\"emoji 🚀\""), json);
  }

  @ParameterizedTest
  @EnumSource(TaskStatus.class)
  void eventWithOptionalFieldsSurvivesARoundTrip(TaskStatus status) {
    TaskEvent event = Samples.event(status, true);
    assertEquals(event, WireCodec.decodeEvent(WireCodec.encode(event)));
  }

  @ParameterizedTest
  @EnumSource(TaskStatus.class)
  void eventWithoutOptionalFieldsSurvivesARoundTrip(TaskStatus status) {
    TaskEvent event = Samples.event(status, false);
    assertEquals(event, WireCodec.decodeEvent(WireCodec.encode(event)));
  }

  @Test
  void eventIsWrittenWithTheContractFieldNamesInOrder() throws IOException {
    JsonNode json = PLAIN.readTree(WireCodec.encode(Samples.event(TaskStatus.FAILED, true)));
    assertEquals(
        List.of(
            "specVersion",
            "taskId",
            "agentId",
            "userId",
            "status",
            "at",
            "attempt",
            "executorId",
            "result"),
        fieldNames(json));
    assertEquals(
        List.of(
            "exitCode",
            "stdout",
            "stderr",
            "stdoutTruncated",
            "stderrTruncated",
            "durationMs",
            "error",
            "usage"),
        fieldNames(json.get("result")));
    assertEquals(
        List.of(
            "cpuMs",
            "wallMs",
            "memoryPeakMb",
            "stdoutBytes",
            "stderrBytes",
            "httpRequests",
            "httpBytes"),
        fieldNames(json.get("result").get("usage")));
    assertEquals("FAILED", json.get("status").textValue());
  }

  @Test
  void absentOptionalEventFieldsAreOmitted() throws IOException {
    JsonNode running = PLAIN.readTree(WireCodec.encode(Samples.event(TaskStatus.RUNNING, false)));
    JsonNode timedOut =
        PLAIN.readTree(WireCodec.encode(Samples.event(TaskStatus.TIMED_OUT, false)));
    assertFalse(running.has("executorId"));
    assertFalse(running.has("result"));
    assertFalse(timedOut.get("result").has("exitCode"));
  }

  @Test
  void rejectedEventWithoutAgentAndUserSurvivesARoundTrip() {
    TaskEvent event =
        TaskEvent.rejected(
            Samples.TASK_ID, null, null, "executor-1", Samples.SUBMITTED_AT, "malformed record");
    TaskEvent decoded = WireCodec.decodeEvent(WireCodec.encode(event));
    assertEquals(event, decoded);
    assertNull(decoded.agentId());
  }

  @Test
  void handWrittenTaskRecordDecodes() {
    TaskMessage task = WireCodec.decodeTask(Samples.taskJson().getBytes(UTF_8));
    assertEquals(Samples.TASK_ID, task.taskId());
    assertArrayEquals("hello".getBytes(UTF_8), task.input());
    assertEquals(List.of("--upper", "x"), task.args());
    assertEquals("/bin", task.env().get("PATH"));
  }

  @Test
  void handWrittenEventRecordDecodes() {
    TaskEvent event = WireCodec.decodeEvent(Samples.eventJson().getBytes(UTF_8));
    assertEquals(TaskStatus.SUCCEEDED, event.status());
    assertArrayEquals("ok".getBytes(UTF_8), event.result().stdout());
  }

  @Test
  void optionalFieldsMayBeNull() {
    TaskMessage task = WireCodec.decodeTask(Samples.taskJson("binaryHash", "null").getBytes(UTF_8));
    TaskEvent event =
        WireCodec.decodeEvent(
            Samples.eventJson("executorId", "null", "result", Samples.resultJson("error", "null"))
                .getBytes(UTF_8));
    TaskEvent running =
        WireCodec.decodeEvent(
            Samples.eventJson("status", "\"RUNNING\"", "result", "null").getBytes(UTF_8));
    assertNull(task.binaryHash());
    assertNull(event.executorId());
    assertNull(running.result());
  }

  @Test
  void fieldsMayComeInAnyOrderWithWhitespace() {
    String json =
        "\n { \"submittedAt\" : \"2025-03-01T12:34:56Z\", \"maxMemoryMb\": 64, \"timeoutMs\": 1,"
            + " \"env\": {}, \"args\": [], \"input\": \"\", \"userId\": \"%s\","
            + " \"agentId\": \"%s\", \"taskId\": \"%s\", \"specVersion\": 1 }\r\n";
    TaskMessage task =
        WireCodec.decodeTask(
            String.format(json, Samples.USER_ID, Samples.AGENT_ID, Samples.TASK_ID)
                .getBytes(UTF_8));
    assertEquals(1, task.timeoutMs());
  }

  @Test
  void escapedUnicodeInStringsIsDecoded() {
    TaskMessage task =
        WireCodec.decodeTask(
            Samples.taskJson("args", "[\"caf\\u00e9 \\ud83d\\ude80\"]").getBytes(UTF_8));
    assertEquals(List.of("café 🚀"), task.args());
  }

  @Test
  void uppercaseUuidIsAccepted() {
    TaskMessage task =
        WireCodec.decodeTask(
            Samples.taskJson("taskId", Samples.quote(Samples.TASK_ID.toString().toUpperCase()))
                .getBytes(UTF_8));
    assertEquals(Samples.TASK_ID, task.taskId());
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.properties().forEach(field -> names.add(field.getKey()));
    return names;
  }
}
