package io.agentry.wire;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;

/** Turns a record's bytes into a JSON object, refusing anything that is not one strict document. */
final class RecordParser {
  private static final Pattern SOURCE_IN_MESSAGE = Pattern.compile("\\[Source: [^;\\]]*; ");

  private RecordParser() {}

  static ObjectNode parse(byte[] record, int maxBytes) {
    if (record == null) {
      throw RecordIds.NONE.failure("record has no value (a null value is not a message)");
    }
    if (record.length > maxBytes) {
      throw RecordIds.salvage(record)
          .failure("record of " + record.length + " bytes exceeds the limit of " + maxBytes);
    }
    if (record.length == 0) {
      throw RecordIds.NONE.failure("record is empty");
    }
    checkEncoding(record);
    JsonNode root = null;
    try (JsonParser parser = Json.FACTORY.createParser(record)) {
      root = Json.MAPPER.readTree(parser);
      if (root == null || root.isMissingNode()) {
        throw RecordIds.NONE.failure("record is empty");
      }
      if (!root.isObject()) {
        throw RecordIds.NONE.failure(
            "record must be a JSON object, was " + FieldReader.describe(root));
      }
      if (parser.nextToken() != null) {
        throw RecordIds.of(root)
            .failure("not JSON: content follows the object" + at(parser.currentLocation()));
      }
      return (ObjectNode) root;
    } catch (StreamConstraintsException e) {
      throw RecordIds.salvage(record).failure("record exceeds a parser limit: " + message(e));
    } catch (JsonProcessingException e) {
      RecordIds ids =
          root != null && root.isObject() ? RecordIds.of(root) : RecordIds.salvage(record);
      throw ids.failure(describe(e));
    } catch (IOException e) {
      throw new UncheckedIOException("reading from a byte array failed", e);
    }
  }

  private static void checkEncoding(byte[] record) {
    int bad = Utf8.firstBadByte(record);
    if (bad >= 0) {
      String reason =
          record[bad] == 0
              ? "not JSON: NUL byte at offset " + bad
              : "record is not valid UTF-8 (bad byte at offset " + bad + ")";
      throw RecordIds.salvage(record).failure(reason);
    }
    // Jackson would skip a byte order mark silently; RFC 8259 forbids sending one.
    if (record.length >= 3
        && (record[0] & 0xFF) == 0xEF
        && (record[1] & 0xFF) == 0xBB
        && (record[2] & 0xFF) == 0xBF) {
      throw RecordIds.salvage(record).failure("not JSON: record starts with a byte order mark");
    }
  }

  private static String describe(JsonProcessingException e) {
    String message = message(e);
    if (message.startsWith("Duplicate field ") && e instanceof JsonParseException parseError) {
      String name = message.substring("Duplicate field ".length());
      return "duplicate field " + qualified(parseError.getProcessor(), name) + at(e.getLocation());
    }
    return "not JSON: " + message + at(e.getLocation());
  }

  /** Prefixes a nested field name with its parent's, e.g. {@code 'FOO'} in env gives 'env.FOO'. */
  private static String qualified(JsonParser parser, String quotedName) {
    if (parser == null) {
      return quotedName;
    }
    JsonStreamContext parent = parser.getParsingContext().getParent();
    String prefix = "";
    while (parent != null && parent.getCurrentName() != null) {
      prefix = parent.getCurrentName() + "." + prefix;
      parent = parent.getParent();
    }
    return prefix.isEmpty() ? quotedName : "'" + prefix + quotedName.substring(1);
  }

  private static String message(JsonProcessingException e) {
    return SOURCE_IN_MESSAGE.matcher(String.valueOf(e.getOriginalMessage())).replaceAll("[");
  }

  private static String at(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }
}
