package io.agentry.results.problem;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where errors become {@code application/problem+json}: the service's own exceptions,
 * the security layer's and the framework's. Anything unexpected is logged and answered with a
 * generic 500 that reveals nothing.
 */
public class ProblemMapper {

  /** The media type of every error body. */
  public static final String PROBLEM_JSON = "application/problem+json";

  private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

  private final ResourceMethods resources;

  public ProblemMapper(ResourceMethods resources) {
    this.resources = resources;
  }

  @ServerExceptionMapper
  public Response results(ResultsException e) {
    return build(e.type(), e.getMessage(), e.errors()).build();
  }

  @ServerExceptionMapper
  public Response authenticationFailed(AuthenticationFailedException e) {
    return unauthorized("The token is invalid, expired or not issued by the registry.");
  }

  @ServerExceptionMapper
  public Response unauthorized(UnauthorizedException e) {
    return unauthorized("This request needs 'Authorization: Bearer <token>'.");
  }

  @ServerExceptionMapper
  public Response forbidden(io.quarkus.security.ForbiddenException e) {
    return build(ProblemType.FORBIDDEN, "You may not do this.", List.of()).build();
  }

  @ServerExceptionMapper
  public Response framework(WebApplicationException e, UriInfo uri, Request request) {
    ProblemType type = byStatus(e.getResponse().getStatus());
    if (type == ProblemType.INTERNAL_ERROR) {
      return unexpected(e);
    }
    if (type == ProblemType.METHOD_NOT_ALLOWED) {
      List<String> allowed = resources.allowed(uri.getPath());
      String detail =
          allowed.isEmpty()
              ? detailFor(type)
              : "This path takes "
                  + String.join(", ", allowed)
                  + ", not "
                  + request.getMethod()
                  + ".";
      return build(type, detail, List.of()).header("Allow", String.join(", ", allowed)).build();
    }
    return build(type, detailFor(type), List.of()).build();
  }

  @ServerExceptionMapper
  public Response unexpected(Throwable e) {
    LOG.error("Unexpected failure while serving a request", e);
    return build(
            ProblemType.INTERNAL_ERROR,
            "Something went wrong on our side; the error has been logged.",
            List.of())
        .build();
  }

  /** The problem+json response of {@code type}. */
  public static Response.ResponseBuilder build(
      ProblemType type, String detail, List<FieldError> errors) {
    return Response.status(type.status())
        .type(PROBLEM_JSON)
        .entity(Problem.of(type, detail, errors));
  }

  private static Response unauthorized(String detail) {
    return build(ProblemType.UNAUTHORIZED, detail, List.of())
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
        .build();
  }

  private static ProblemType byStatus(int status) {
    return switch (status) {
      case 400 -> ProblemType.BAD_REQUEST;
      case 401 -> ProblemType.UNAUTHORIZED;
      case 403 -> ProblemType.FORBIDDEN;
      case 404 -> ProblemType.NOT_FOUND;
      case 405 -> ProblemType.METHOD_NOT_ALLOWED;
      case 406 -> ProblemType.NOT_ACCEPTABLE;
      case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
      case 503 -> ProblemType.SERVICE_UNAVAILABLE;
      default -> ProblemType.INTERNAL_ERROR;
    };
  }

  private static String detailFor(ProblemType type) {
    return switch (type) {
      case NOT_FOUND -> "Nothing is served at this path.";
      case METHOD_NOT_ALLOWED -> "This path does not accept that method.";
      case NOT_ACCEPTABLE -> "This path cannot answer in the requested media type.";
      case UNSUPPORTED_MEDIA_TYPE -> "This path does not accept that Content-Type.";
      case UNAUTHORIZED -> "This request needs 'Authorization: Bearer <token>'.";
      default -> type.title() + ".";
    };
  }
}
