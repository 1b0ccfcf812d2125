package io.agentry.registry.rest;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Request bodies are read exactly: decimals stay decimal, and nothing may follow the value. A body
 * is also read within bounds far above any valid one (the largest, agent metadata, is a few KiB),
 * so that a hostile document cannot make the parser build an unbounded tree.
 */
@Singleton
public class JsonConfig implements ObjectMapperCustomizer {

  /** The longest JSON document read. */
  static final long MAX_DOCUMENT_BYTES = 1024 * 1024;

  /** The most tokens (values, names, brackets) a JSON document may have. */
  static final long MAX_TOKENS = 100_000;

  @Override
  public void customize(ObjectMapper mapper) {
    mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxDocumentLength(MAX_DOCUMENT_BYTES)
                .maxTokenCount(MAX_TOKENS)
                .build());
  }
}
