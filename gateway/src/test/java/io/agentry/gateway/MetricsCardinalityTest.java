package io.agentry.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentry.gateway.support.DownstreamServices;
import io.agentry.gateway.support.TestUsers;
import io.agentry.gateway.support.TestUsers.TestUser;
import io.agentry.localstack.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * HTTP metrics are labelled by route template: other users' task ids never appear in the series,
 * and requests for paths nothing serves, authenticated or not, add no series of their own.
 */
@QuarkusTest
@WithTestResource(
    value = LocalStackTestResource.class,
    initArgs = {
      @ResourceArg(name = "components", value = DownstreamServices.COMPONENTS),
      @ResourceArg(name = "database", value = "gateway")
    })
@WithTestResource(DownstreamServices.class)
class MetricsCardinalityTest {

  @Test
  void requestsForTaskIdsAndUnknownPathsAddNoSeriesPerPath() {
    TestUser user = TestUsers.register();
    List<String> ids = List.of(id(), id(), id(), id(), id());
    given().get("/api/v1/tasks/" + ids.get(0)).then().statusCode(401);
    given().get("/api/v1/tasks/" + ids.get(1) + "/result").then().statusCode(401);
    given().auth().oauth2(user.apiKey()).get("/api/v1/tasks/" + ids.get(2)).then().statusCode(404);
    given().get("/api/v1/agents/" + ids.get(3) + "/binary").then().statusCode(401);
    given().get("/api/v1/" + ids.get(4) + "/anything").then().statusCode(404);
    given().get("/" + id()).then().statusCode(404);
    given().get("/agents/" + id()).then().statusCode(200);
    given().get("/tasks/" + id()).then().statusCode(200);

    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    List<String> series =
        metrics
            .lines()
            .filter(line -> line.startsWith("http_server_requests_seconds_count"))
            .toList();
    assertFalse(series.isEmpty(), "no HTTP server series at all");
    for (String line : series) {
      assertFalse(line.matches(".*[0-9a-f]{8}-[0-9a-f]{4}-.*"), "a series per id: " + line);
    }
    assertTrue(
        series.stream().anyMatch(line -> line.contains("uri=\"/api/v1/tasks/{id}\"")),
        "no series for the task template: " + series);
    long before = series.size();
    for (int i = 0; i < 5; i++) {
      given().get("/api/v1/tasks/" + id() + "/output/" + id()).then().statusCode(401);
      given().get("/api/v1/no-such-thing/" + id()).then().statusCode(404);
    }
    String after = given().get("/q/metrics").then().extract().asString();
    long added =
        after.lines().filter(line -> line.startsWith("http_server_requests_seconds_count")).count()
            - before;
    // At most the output template's series and the first scrape's own.
    assertTrue(added <= 2, added + " series for ten requests of two routes: " + after);
  }

  private static String id() {
    return UUID.randomUUID().toString();
  }
}
