package io.agentry.gateway.web;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * A problem the registry answered a sign-in or sign-up with (bad credentials, a taken username, too
 * many attempts), passed to the browser unchanged.
 */
final class UpstreamProblem extends RuntimeException {

  private final int status;
  private final String contentType;
  private final String body;
  private final String retryAfter;

  UpstreamProblem(int status, String contentType, String body, String retryAfter) {
    super("the registry answered " + status, null, false, false);
    this.status = status;
    this.contentType = contentType;
    this.body = body;
    this.retryAfter = retryAfter;
  }

  Response response() {
    Response.ResponseBuilder response =
        Response.status(status).header(HttpHeaders.CONTENT_TYPE, contentType).entity(body);
    if (retryAfter != null) {
      response.header("Retry-After", retryAfter);
    }
    return response.build();
  }
}
