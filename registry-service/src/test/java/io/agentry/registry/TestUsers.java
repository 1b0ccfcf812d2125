package io.agentry.registry;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;

/** Registers users through the API, as a client would. */
public final class TestUsers {

  public static final String PASSWORD = "correct horse battery";

  private TestUsers() {}

  /** A fresh user; its first API key and id. */
  public static TestUser register() {
    String username = "u-" + UUID.randomUUID().toString().substring(0, 18);
    Response response =
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("username", username, "password", PASSWORD))
            .post("/users/register")
            .then()
            .statusCode(201)
            .extract()
            .response();
    return new TestUser(UUID.fromString(response.path("id")), username, response.path("apiKey"));
  }

  /** A registered user. */
  public record TestUser(UUID id, String username, String apiKey) {

    /** A request that carries this user's API key. */
    public RequestSpecification request() {
      return given().header("Authorization", "Bearer " + apiKey);
    }
  }
}
