package io.agentry.gateway;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.agentry.gateway.support.DownstreamServices;
import io.agentry.gateway.support.Processes;
import io.agentry.gateway.support.TestAgents;
import io.agentry.gateway.support.TestUsers;
import io.agentry.gateway.support.TestUsers.TestUser;
import io.agentry.localstack.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Runs after the other classes: it freezes the shared Kafka broker for a few seconds. */
@QuarkusTest
@WithTestResource(
    value = LocalStackTestResource.class,
    initArgs = {
      @ResourceArg(name = "components", value = DownstreamServices.COMPONENTS),
      @ResourceArg(name = "database", value = "gateway")
    })
@WithTestResource(DownstreamServices.class)
@Order(Integer.MAX_VALUE - 1)
class BrokerDownTest {

  @Test
  void whileTheBrokerIsStoppedSubmissionsAreRefusedWithRetryAfterAndNever202() {
    TestUser user = TestUsers.register();
    UUID agentId = TestAgents.create(user);
    submit(user, agentId).then().statusCode(202);

    long broker = Processes.kafkaBroker();
    Processes.suspend(broker);
    try {
      submit(user, agentId)
          .then()
          .statusCode(503)
          .contentType("application/problem+json")
          .header("Retry-After", notNullValue())
          .body("type", equalTo("/problems/queue-unavailable"));
    } finally {
      Processes.resume(broker);
    }

    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    int status;
    do {
      Processes.pause();
      status = submit(user, agentId).statusCode();
    } while (status != 202 && System.nanoTime() < deadline);
    submit(user, agentId).then().statusCode(202);
  }

  private static io.restassured.response.Response submit(TestUser user, UUID agentId) {
    return user.withKey()
        .contentType(ContentType.JSON)
        .body(Map.of("agentId", agentId.toString(), "input", "x"))
        .post("/api/v1/tasks");
  }
}
