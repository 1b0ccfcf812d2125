package io.agentry.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentry.registry.TestUsers.TestUser;
import io.agentry.registry.wasm.WasmModules;
import io.restassured.response.ValidatableResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Uploads agents through the API, as a client would. */
public final class TestAgents {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TestAgents() {}

  /** Metadata with a fresh name, version 1.0.0 and the given description. */
  public static Map<String, Object> metadata(String description) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", "agent-" + UUID.randomUUID().toString().substring(0, 8));
    metadata.put("description", description);
    metadata.put("version", "1.0.0");
    metadata.put("capabilities", List.of("text:summarize"));
    return metadata;
  }

  /** A small valid module that no other test uploads. */
  public static byte[] uniqueModule() {
    return WasmModules.valid(UUID.randomUUID().toString(), 256);
  }

  public static ValidatableResponse upload(TestUser user, Object metadata, byte[] binary) {
    return user.request()
        .multiPart("metadata", json(metadata), "application/json")
        .multiPart("binary", "agent.wasm", binary, "application/wasm")
        .post("/agents")
        .then();
  }

  /** Uploads a fresh agent and returns its id. */
  public static String create(TestUser user, Map<String, Object> metadata) {
    return upload(user, metadata, uniqueModule()).statusCode(201).extract().path("id");
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static String json(Object value) {
    if (value instanceof String text) {
      return text;
    }
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
