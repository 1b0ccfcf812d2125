package io.agentry.gateway;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentry.gateway.support.DownstreamServices;
import io.agentry.gateway.support.Processes;
import io.agentry.gateway.support.TestUsers;
import io.agentry.gateway.support.TestUsers.TestUser;
import io.agentry.localstack.LocalStackTestResource;
import io.agentry.localstack.PackagedService;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Runs late: it freezes the shared results-service for a few seconds. */
@QuarkusTest
@WithTestResource(
    value = LocalStackTestResource.class,
    initArgs = {
      @ResourceArg(name = "components", value = DownstreamServices.COMPONENTS),
      @ResourceArg(name = "database", value = "gateway")
    })
@WithTestResource(DownstreamServices.class)
@Order(Integer.MAX_VALUE - 2)
class DownstreamFailureTest {

  @Test
  void aHangingServiceGivesA503QuicklyAndThenTheBreakerAnswersAtOnce() {
    TestUser user = TestUsers.register();
    PackagedService results = DownstreamServices.results();
    Processes.suspend(results.pid());
    try {
      for (int i = 0; i < 3; i++) {
        long started = System.nanoTime();
        user.withToken()
            .get("/api/v1/tasks")
            .then()
            .statusCode(503)
            .contentType("application/problem+json")
            .header("Retry-After", "5")
            .body("type", equalTo("/problems/service-unavailable"));
        assertTrue(elapsed(started).toSeconds() < 15, "took " + elapsed(started));
      }
      long started = System.nanoTime();
      user.withToken().get("/api/v1/tasks").then().statusCode(503);
      assertTrue(
          elapsed(started).toMillis() < 1000, "the open breaker still waited " + elapsed(started));
      user.withKey().get("/api/v1/users/me").then().statusCode(200);
    } finally {
      Processes.resume(results.pid());
    }

    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Response response;
    do {
      Processes.pause();
      response = user.withToken().get("/api/v1/tasks");
    } while (response.statusCode() == 503 && System.nanoTime() < deadline);
    assertEquals(200, response.statusCode(), response.asString());
  }

  private static Duration elapsed(long started) {
    return Duration.ofNanos(System.nanoTime() - started);
  }
}
