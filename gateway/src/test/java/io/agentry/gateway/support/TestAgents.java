package io.agentry.gateway.support;

import io.agentry.gateway.support.TestUsers.TestUser;
import java.util.UUID;

/** Uploads agents through the gateway, as a client would. */
public final class TestAgents {

  private TestAgents() {}

  /** Metadata with a fresh name. */
  public static String metadata() {
    return "{\"name\":\"agent-"
        + UUID.randomUUID().toString().substring(0, 8)
        + "\",\"description\":\"a test agent\",\"version\":\"1.0.0\"}";
  }

  /** Uploads a fresh active agent and returns its id. */
  public static UUID create(TestUser owner) {
    return create(owner, metadata());
  }

  /** Uploads a fresh active agent that asks {@code price} for a successful task. */
  public static UUID priced(TestUser owner, String price) {
    return create(owner, metadata().replace("}", ",\"price\":" + price + "}"));
  }

  private static UUID create(TestUser owner, String metadata) {
    String id =
        owner
            .withKey()
            .multiPart("metadata", metadata, "application/json")
            .multiPart(
                "binary",
                "agent.wasm",
                Wasm.unique(UUID.randomUUID().toString()),
                "application/wasm")
            .post("/api/v1/agents")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    return UUID.fromString(id);
  }
}
