package io.agentry.gateway.rest;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentry.gateway.config.GatewayConfig;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Request bodies are read exactly and within bounds: nothing may follow the JSON value, a body sent
 * without a Content-Length is cut off at the task body limit like a declared one, and a hostile
 * document cannot make the parser build an unbounded tree (a valid task has a few hundred tokens at
 * most).
 */
@Singleton
public class JsonConfig implements ObjectMapperCustomizer {

  /** The most tokens (values, names, brackets) a JSON document may have. */
  static final long MAX_TOKENS = 100_000;

  private final long maxDocumentBytes;

  public JsonConfig(GatewayConfig config) {
    this.maxDocumentBytes = config.tasks().maxBodySize().asLongValue();
  }

  @Override
  public void customize(ObjectMapper mapper) {
    mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxDocumentLength(maxDocumentBytes)
                .maxTokenCount(MAX_TOKENS)
                .build());
  }
}
