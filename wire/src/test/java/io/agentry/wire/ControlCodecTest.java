package io.agentry.wire;

import static io.agentry.wire.Rejections.withTaskId;
import static io.agentry.wire.Rejections.withoutTaskId;
import static io.agentry.wire.Samples.ABSENT;
import static io.agentry.wire.Samples.quote;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ControlCodecTest {
  private static final Instant AT = Instant.parse("2025-03-01T12:00:02.5Z");

  @Test
  void cancellationSurvivesARoundTrip() {
    TaskControl control = TaskControl.cancel(Samples.TASK_ID, Samples.USER_ID, AT);

    assertEquals(control, WireCodec.decodeControl(WireCodec.encode(control)));
  }

  @Test
  void cancellationIsWrittenWithTheContractFieldsInOrder() throws IOException {
    JsonNode json =
        new ObjectMapper()
            .readTree(WireCodec.encode(TaskControl.cancel(Samples.TASK_ID, Samples.USER_ID, AT)));

    List<String> names = new ArrayList<>();
    json.fieldNames().forEachRemaining(names::add);
    assertEquals(List.of("specVersion", "taskId", "userId", "action", "at"), names);
    assertEquals(1, json.get("specVersion").intValue());
    assertEquals("CANCEL", json.get("action").textValue());
    assertEquals("2025-03-01T12:00:02.500Z", json.get("at").textValue());
  }

  @Test
  void baseRecordOfTheTableIsValid() {
    TaskControl control = WireCodec.decodeControl(controlJson().getBytes(UTF_8));

    assertEquals(TaskControl.Action.CANCEL, control.action());
    assertEquals(Samples.USER_ID, control.userId());
  }

  static Stream<Arguments> badControlRecords() {
    return Stream.of(
        withoutTaskId("empty record", "", "record is empty"),
        withoutTaskId("not JSON", "{cancel}", "not JSON: "),
        withTaskId(
            "record over the size cap",
            controlJson("at", quote("x".repeat(TaskLimits.MAX_CONTROL_RECORD_BYTES))),
            "exceeds the limit of 4096"),
        withTaskId("specVersion 2", controlJson("specVersion", "2"), "unsupported specVersion 2"),
        withTaskId(
            "specVersion missing",
            controlJson("specVersion", ABSENT),
            "missing field 'specVersion'"),
        withTaskId("unknown field", controlJson("reason", "\"late\""), "unknown field 'reason'"),
        withoutTaskId("missing taskId", controlJson("taskId", ABSENT), "missing field 'taskId'"),
        withoutTaskId(
            "taskId not a UUID",
            controlJson("taskId", "\"task-1\""),
            "field 'taskId' must be a UUID string in 8-4-4-4-12 hex form, was \"task-1\""),
        withTaskId("missing userId", controlJson("userId", ABSENT), "missing field 'userId'"),
        withTaskId(
            "userId null",
            controlJson("userId", "null"),
            "field 'userId' must be a UUID string in 8-4-4-4-12 hex form, was null"),
        withTaskId("missing action", controlJson("action", ABSENT), "missing field 'action'"),
        withTaskId(
            "unknown action",
            controlJson("action", "\"PAUSE\""),
            "field 'action' must be one of CANCEL, was \"PAUSE\""),
        withTaskId(
            "action in lowercase",
            controlJson("action", "\"cancel\""),
            "field 'action' must be one of CANCEL, was \"cancel\""),
        withTaskId(
            "action a number",
            controlJson("action", "1"),
            "field 'action' must be a string, was 1"),
        withTaskId("missing at", controlJson("at", ABSENT), "missing field 'at'"),
        withTaskId(
            "at without a zone",
            controlJson("at", "\"2025-03-01T12:00:00\""),
            "field 'at' must be an ISO-8601 UTC timestamp"),
        withTaskId(
            "duplicate action",
            controlJson()
                .replace("\"action\":\"CANCEL\"", "\"action\":\"CANCEL\",\"action\":\"X\""),
            "duplicate field 'action'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badControlRecords")
  void badControlRecordIsRejectedWithItsReason(
      String name, byte[] record, String reason, boolean taskIdReadable) {
    Rejections.assertRejected(WireCodec::decodeControl, record, reason, taskIdReadable);
  }

  @Test
  void aTombstoneIsNotAControlMessage() {
    WireFormatException e =
        assertThrows(WireFormatException.class, () -> WireCodec.decodeControl(null));

    assertEquals("record has no value (a null value is not a message)", e.reason());
  }

  @Test
  void theUserIdOfABadRecordIsKeptWhenReadable() {
    WireFormatException e =
        assertThrows(
            WireFormatException.class,
            () -> WireCodec.decodeControl(controlJson("action", ABSENT).getBytes(UTF_8)));

    assertEquals(Optional.of(Samples.USER_ID), e.userId());
  }

  @Test
  void aControlMessageWithoutUserCannotBeBuiltInJava() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> TaskControl.cancel(Samples.TASK_ID, null, AT));

    assertEquals("missing field 'userId'", e.getMessage());
  }

  /** A valid CANCEL record, with {@code overrides} as name, raw JSON value pairs. */
  private static String controlJson(String... overrides) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("specVersion", "1");
    fields.put("taskId", quote(Samples.TASK_ID));
    fields.put("userId", quote(Samples.USER_ID));
    fields.put("action", quote("CANCEL"));
    fields.put("at", quote("2025-03-01T12:00:02Z"));
    for (int i = 0; i < overrides.length; i += 2) {
      if (ABSENT.equals(overrides[i + 1])) {
        fields.remove(overrides[i]);
      } else {
        fields.put(overrides[i], overrides[i + 1]);
      }
    }
    return fields.entrySet().stream()
        .map(field -> quote(field.getKey()) + ":" + field.getValue())
        .collect(Collectors.joining(",", "{", "}"));
  }
}
