package io.agentry.gateway.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;

/** Registers users through the gateway, as a client would. */
public final class TestUsers {

  public static final String PASSWORD = "correct horse battery";

  private TestUsers() {}

  /** A fresh user with its first API key and a login token. */
  public static TestUser register() {
    String username = "g-" + UUID.randomUUID().toString().substring(0, 18);
    Response registered =
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("username", username, "password", PASSWORD))
            .post("/api/v1/users/register")
            .then()
            .statusCode(201)
            .extract()
            .response();
    String token = login(username);
    return new TestUser(
        UUID.fromString(registered.path("id")), username, registered.path("apiKey"), token);
  }

  /** A new login token of the user. */
  public static String login(String username) {
    return given()
        .contentType(ContentType.JSON)
        .body(Map.of("username", username, "password", PASSWORD))
        .post("/api/v1/users/login")
        .then()
        .statusCode(200)
        .extract()
        .path("token");
  }

  /** A registered user. */
  public record TestUser(UUID id, String username, String apiKey, String token) {

    /** A request that carries this user's API key. */
    public RequestSpecification withKey() {
      return given().header("Authorization", "Bearer " + apiKey);
    }

    /** A request that carries this user's login token. */
    public RequestSpecification withToken() {
      return given().header("Authorization", "Bearer " + token);
    }
  }
}
