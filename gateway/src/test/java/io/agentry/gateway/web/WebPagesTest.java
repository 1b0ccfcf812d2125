package io.agentry.gateway.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.agentry.gateway.support.DownstreamServices;
import io.agentry.localstack.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The pages and their assets are served at / with a strict Content-Security-Policy. */
@QuarkusTest
@WithTestResource(
    value = LocalStackTestResource.class,
    initArgs = {
      @ResourceArg(name = "components", value = DownstreamServices.COMPONENTS),
      @ResourceArg(name = "database", value = "gateway")
    })
@WithTestResource(DownstreamServices.class)
class WebPagesTest {

  @Test
  void everyPageIsServedWithTheSecurityHeaders() {
    for (String path :
        List.of(
            "/",
            "/agents/" + UUID.randomUUID(),
            "/tasks",
            "/tasks/" + UUID.randomUUID(),
            "/publish",
            "/account",
            "/docs")) {
      given()
          .get(path)
          .then()
          .statusCode(200)
          .contentType(containsString("text/html"))
          .header("Content-Security-Policy", equalTo(SecurityHeaders.CONTENT_SECURITY_POLICY))
          .header("X-Content-Type-Options", "nosniff")
          .header("Referrer-Policy", "same-origin")
          .header("X-Frame-Options", "DENY")
          .body(containsString("href=\"/docs\""));
    }
  }

  @Test
  void thePolicyAllowsNoInlineScriptNoFramingAndNoForeignForms() {
    String policy = SecurityHeaders.CONTENT_SECURITY_POLICY;
    for (String directive :
        List.of(
            "script-src 'self'",
            "style-src 'self'",
            "frame-ancestors 'none'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'")) {
      org.junit.jupiter.api.Assertions.assertTrue(policy.contains(directive), directive);
    }
    org.junit.jupiter.api.Assertions.assertFalse(policy.contains("unsafe"), policy);
  }

  @Test
  void assetsTheOpenApiDocumentAndSwaggerUiAreServedHere() {
    given()
        .get("/assets/app.js".replace("app.js", "api.js"))
        .then()
        .statusCode(200)
        .header("X-Content-Type-Options", "nosniff");
    given().get("/assets/app.css").then().statusCode(200).contentType(containsString("text/css"));
    given().get("/docs/openapi.yaml").then().statusCode(200).body(containsString("url: /api/v1"));
    given().get("/webjars/swagger-ui/swagger-ui-bundle.js").then().statusCode(200);
    given().get("/webjars/swagger-ui/swagger-ui.css").then().statusCode(200);
  }

  @Test
  void theApiKeepsItsOwnHeaders() {
    given()
        .get("/api/v1/agents?limit=1")
        .then()
        .statusCode(200)
        .header("Content-Security-Policy", nullValue());
  }
}
