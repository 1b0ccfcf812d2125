package io.agentry.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The one Jackson configuration of the codec; both objects are thread-safe once built. */
final class Json {
  /**
   * Valid messages nest two levels and hold a few hundred tokens; the caps stop hostile records
   * (deep nesting, huge numbers, millions of tiny tokens) before they cost memory.
   */
  static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxDocumentLength(TaskLimits.MAX_EVENT_RECORD_BYTES)
                  .maxStringLength(TaskLimits.MAX_EVENT_RECORD_BYTES)
                  .maxNestingDepth(16)
                  .maxNumberLength(64)
                  .maxTokenCount(10_000)
                  .build())
          // Write characters outside the BMP as UTF-8, not as escaped surrogate pairs.
          .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
          .build();

  static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

  private Json() {}
}
