package io.agentry.registry;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Registers users through the API, as a client would. Each user registers from an address of its
 * own (X-Forwarded-For, which the registry trusts from loopback), as separate people would, so that
 * the suite stays within the registrations allowed per address.
 */
public final class TestUsers {

  public static final String PASSWORD = "correct horse battery";

  private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger();

  private TestUsers() {}

  /** A fresh user; its first API key and id. */
  public static TestUser register() {
    String username = "u-" + UUID.randomUUID().toString().substring(0, 18);
    Response response =
        given()
            .contentType(ContentType.JSON)
            .header("X-Forwarded-For", nextAddress())
            .body(Map.of("username", username, "password", PASSWORD))
            .post("/users/register")
            .then()
            .statusCode(201)
            .extract()
            .response();
    return new TestUser(UUID.fromString(response.path("id")), username, response.path("apiKey"));
  }

  /** 10.0.0.1, 10.0.0.2, ...: private addresses that no other test uses. */
  private static String nextAddress() {
    int n = NEXT_ADDRESS.incrementAndGet();
    return "10." + (n >> 16 & 0xff) + "." + (n >> 8 & 0xff) + "." + (n & 0xff);
  }

  /** A registered user. */
  public record TestUser(UUID id, String username, String apiKey) {

    /** A request that carries this user's API key. */
    public RequestSpecification request() {
      return given().header("Authorization", "Bearer " + apiKey);
    }
  }
}
