package io.agentry.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** JSON form of {@link TaskControl} on {@link Topics#TASK_CONTROL}. */
final class ControlCodec {
  private static final Set<String> FIELDS =
      Set.of("specVersion", "taskId", "userId", "action", "at");

  private static final String ACTION_NAMES =
      Arrays.stream(TaskControl.Action.values()).map(Enum::name).collect(Collectors.joining(", "));

  private ControlCodec() {}

  static byte[] write(TaskControl control) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(192);
    try (JsonGenerator json = Json.FACTORY.createGenerator(out)) {
      json.writeStartObject();
      json.writeNumberField("specVersion", control.specVersion());
      json.writeStringField("taskId", control.taskId().toString());
      json.writeStringField("userId", control.userId().toString());
      json.writeStringField("action", control.action().name());
      json.writeStringField("at", control.at().toString());
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a byte array failed", e);
    }
    return out.toByteArray();
  }

  static TaskControl read(byte[] record) {
    ObjectNode root = RecordParser.parse(record, TaskLimits.MAX_CONTROL_RECORD_BYTES);
    FieldReader fields = new FieldReader(root, "", RecordIds.of(root));
    fields.specVersion();
    fields.rejectUnknown(FIELDS);
    try {
      return new TaskControl(
          TaskLimits.SPEC_VERSION,
          fields.uuid("taskId"),
          fields.uuid("userId"),
          action(fields),
          fields.instant("at"));
    } catch (IllegalArgumentException e) {
      throw fields.fail(e.getMessage());
    }
  }

  private static TaskControl.Action action(FieldReader fields) {
    String name = fields.optionalString("action");
    if (name == null) {
      throw fields.fail("missing field 'action'");
    }
    for (TaskControl.Action action : TaskControl.Action.values()) {
      if (action.name().equals(name)) {
        return action;
      }
    }
    throw fields.fail(
        "field 'action' must be one of " + ACTION_NAMES + ", was " + Checks.preview(name));
  }
}
