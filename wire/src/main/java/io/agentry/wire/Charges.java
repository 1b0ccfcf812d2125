package io.agentry.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * The optional {@code price} and {@code authorId} fields of tasks and events, which carry a {@link
 * TaskCharge}: both present or both absent (records written before charges existed).
 */
final class Charges {

  private Charges() {}

  static void write(JsonGenerator json, TaskCharge charge) throws IOException {
    if (charge != null) {
      json.writeFieldName("price");
      json.writeNumber(charge.price().toPlainString());
      json.writeStringField("authorId", charge.authorId().toString());
    }
  }

  static TaskCharge read(FieldReader fields) {
    BigDecimal price = fields.optionalDecimal("price");
    UUID authorId = fields.optionalUuid("authorId");
    if (price == null && authorId == null) {
      return null;
    }
    if (price == null || authorId == null) {
      throw new IllegalArgumentException(
          "fields 'price' and 'authorId' must be both present or both absent");
    }
    return new TaskCharge(price, authorId);
  }
}
