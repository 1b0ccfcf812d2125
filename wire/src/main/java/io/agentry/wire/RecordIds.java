package io.agentry.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.UUID;

/** The ids read from a record so far, attached to every {@link WireFormatException} about it. */
record RecordIds(UUID taskId, UUID agentId, UUID userId) {
  static final RecordIds NONE = new RecordIds(null, null, null);

  WireFormatException failure(String reason) {
    return new WireFormatException(reason, taskId, agentId, userId);
  }

  /** The ids that are well-formed UUID strings at the top level of a parsed record. */
  static RecordIds of(JsonNode root) {
    return new RecordIds(id(root.get("taskId")), id(root.get("agentId")), id(root.get("userId")));
  }

  /**
   * Scans a record that failed to parse and keeps the ids met before the point of failure. Only
   * runs on the error path; strings it does not need are skipped, not decoded. An oversized record
   * is scanned up to the parser's document limit.
   */
  static RecordIds salvage(byte[] record) {
    UUID taskId = null;
    UUID agentId = null;
    UUID userId = null;
    try (JsonParser parser =
        Json.FACTORY.createParser(
            record, 0, Math.min(record.length, TaskLimits.MAX_EVENT_RECORD_BYTES))) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return NONE;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (value == JsonToken.VALUE_STRING) {
          switch (name) {
            case "taskId" -> taskId = Checks.canonicalUuid(parser.getText());
            case "agentId" -> agentId = Checks.canonicalUuid(parser.getText());
            case "userId" -> userId = Checks.canonicalUuid(parser.getText());
            default -> {}
          }
        } else {
          parser.skipChildren();
        }
      }
    } catch (IOException | RuntimeException e) {
      // Expected: the record is broken somewhere; keep what was read before that point.
    }
    return new RecordIds(taskId, agentId, userId);
  }

  private static UUID id(JsonNode node) {
    return node != null && node.isTextual() ? Checks.canonicalUuid(node.textValue()) : null;
  }
}
