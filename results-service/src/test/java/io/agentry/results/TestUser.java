package io.agentry.results;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.util.UUID;

/** A user as the registry knows them: an id and a signed token. */
public record TestUser(UUID id, String token) {

  public static TestUser create() {
    UUID id = UUID.randomUUID();
    return new TestUser(id, Tokens.forUser(id));
  }

  /** A request that carries this user's token. */
  public RequestSpecification request() {
    return given().header("Authorization", "Bearer " + token);
  }
}
