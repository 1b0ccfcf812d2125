package io.agentry.gateway.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where the gateway's own endpoints turn errors into {@code
 * application/problem+json}. Anything unexpected is logged and answered with a generic 500 that
 * reveals nothing.
 */
public class ProblemMapper {

  private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

  private final ResourceMethods resources;

  public ProblemMapper(ResourceMethods resources) {
    this.resources = resources;
  }

  @ServerExceptionMapper
  public Response gateway(GatewayException e) {
    Response.ResponseBuilder response =
        Response.status(e.type().status()).type(Problem.MEDIA_TYPE).entity(e.problem());
    e.retryAfterSeconds().ifPresent(seconds -> response.header(HttpHeaders.RETRY_AFTER, seconds));
    if (e.type() == ProblemType.UNAUTHORIZED) {
      response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
    return response.build();
  }

  @ServerExceptionMapper
  public Response json(JsonProcessingException e) {
    return invalidJson(e);
  }

  /**
   * A JSON value followed by more text, which Jackson reports as a mismatched input (and the
   * framework's own mapper would answer with an empty 400).
   */
  @ServerExceptionMapper
  public Response mismatchedInput(MismatchedInputException e) {
    return invalidJson(e);
  }

  @ServerExceptionMapper
  public Response framework(
      WebApplicationException e, UriInfo uri, Request request, HttpHeaders headers) {
    int status = e.getResponse().getStatus();
    if (status == 400 && e.getCause() instanceof JsonProcessingException json) {
      return invalidJson(json);
    }
    ProblemType type =
        switch (status) {
          case 400 -> ProblemType.BAD_REQUEST;
          case 401 -> ProblemType.UNAUTHORIZED;
          case 404 -> ProblemType.NOT_FOUND;
          case 405 -> ProblemType.METHOD_NOT_ALLOWED;
          case 406 -> ProblemType.NOT_ACCEPTABLE;
          case 413 -> ProblemType.REQUEST_TOO_LARGE;
          case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
          default -> null;
        };
    if (type == null) {
      return unexpected(e);
    }
    String method = request.getMethod();
    String path = uri.getPath();
    if (type == ProblemType.UNSUPPORTED_MEDIA_TYPE) {
      List<String> expected = resources.consumed(method, path);
      String sent = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
      return problem(
          type,
          "This path takes "
              + (expected.isEmpty() ? "another Content-Type" : String.join(" or ", expected))
              + (sent == null ? "." : ", not " + clip(sent) + "."));
    }
    if (type == ProblemType.METHOD_NOT_ALLOWED) {
      List<String> allowed = resources.allowed(path);
      return Response.fromResponse(
              problem(
                  type, "This path takes " + String.join(", ", allowed) + ", not " + method + "."))
          .header(HttpHeaders.ALLOW, String.join(", ", allowed))
          .build();
    }
    return problem(type, type.title() + ".");
  }

  @ServerExceptionMapper
  public Response unexpected(Throwable e) {
    LOG.error("Unexpected failure while serving a request", e);
    return problem(
        ProblemType.INTERNAL_ERROR, "Something went wrong on our side; the error has been logged.");
  }

  private static Response invalidJson(JsonProcessingException e) {
    if (e instanceof StreamConstraintsException limit) {
      // A body over one of the parser's bounds (its length, depth or number of tokens).
      String reason = limit.getOriginalMessage().replaceAll(", from `[^`]*`", "");
      return reason.startsWith("Document length")
          ? problem(ProblemType.INPUT_TOO_LARGE, "The task body is too long: " + reason + ".")
          : problem(ProblemType.INVALID_JSON, "The body is not acceptable JSON: " + reason + ".");
    }
    String detail = "The body is not valid JSON";
    if (e instanceof StreamReadException && e.getLocation() != null) {
      detail +=
          ": "
              + e.getOriginalMessage()
              + " (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ")";
    }
    return problem(ProblemType.INVALID_JSON, detail + ".");
  }

  private static String clip(String text) {
    String printable = text.replaceAll("\\p{Cntrl}", "?");
    return printable.length() > 100 ? printable.substring(0, 100) + "..." : printable;
  }

  private static Response problem(ProblemType type, String detail) {
    return Response.status(type.status())
        .type(Problem.MEDIA_TYPE)
        .entity(Problem.of(type, detail))
        .build();
  }
}
