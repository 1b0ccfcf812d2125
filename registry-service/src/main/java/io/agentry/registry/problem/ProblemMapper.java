package io.agentry.registry.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.core.multipart.MultipartParser;

/**
 * The one place where errors become {@code application/problem+json}: the registry's own
 * exceptions, the security layer's, Jackson's and the framework's. Anything unexpected is logged
 * and answered with a generic 500 that reveals nothing.
 */
public class ProblemMapper {

  /** The media type of every error body. */
  public static final String PROBLEM_JSON = "application/problem+json";

  private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
  private static final int RETRY_AFTER_SECONDS = 5;
  private static final String MULTIPART_PARSER =
      "org.jboss.resteasy.reactive.server.core.multipart.";
  private static final String JACKSON = "com.fasterxml.jackson.";
  private static final String OWN_CODE = "io.agentry.";

  private final ResourceMethods resources;

  public ProblemMapper(ResourceMethods resources) {
    this.resources = resources;
  }

  @ServerExceptionMapper
  public Response registry(RegistryException e) {
    Response.ResponseBuilder response = build(e.type(), e.getMessage(), e.errors());
    if (e instanceof TooManyAttemptsException tooMany) {
      response.header(HttpHeaders.RETRY_AFTER, tooMany.retryAfterSeconds());
    } else if (e.type().status() == 503) {
      response.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }
    return response.build();
  }

  @ServerExceptionMapper
  public Response authenticationFailed(AuthenticationFailedException e) {
    return unauthorized("The credentials are missing, invalid, expired or revoked.");
  }

  @ServerExceptionMapper
  public Response unauthorized(UnauthorizedException e) {
    return unauthorized("This request needs 'Authorization: Bearer <apiKey or token>'.");
  }

  @ServerExceptionMapper
  public Response forbidden(io.quarkus.security.ForbiddenException e) {
    return build(ProblemType.FORBIDDEN, "You may not do this.", List.of()).build();
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

  /** A multipart body whose parts cannot be parsed. */
  @ServerExceptionMapper
  public Response malformedMultipart(MultipartParser.MalformedMessageException e) {
    return build(ProblemType.INVALID_MULTIPART, "The multipart body is malformed.", List.of())
        .build();
  }

  /**
   * A request body that could not be read: the framework reports a truncated body (e.g. a multipart
   * body that ends early) this way. The registry's own I/O errors are unchecked.
   */
  @ServerExceptionMapper
  public Response unreadableBody(IOException e, HttpHeaders headers) {
    MediaType type = headers.getMediaType();
    boolean multipart = type != null && "multipart".equalsIgnoreCase(type.getType());
    return build(
            multipart ? ProblemType.INVALID_MULTIPART : ProblemType.BAD_REQUEST,
            "The request body could not be read to its end.",
            List.of())
        .build();
  }

  @ServerExceptionMapper
  public Response framework(
      WebApplicationException e, UriInfo uri, Request request, HttpHeaders headers) {
    int status = e.getResponse().getStatus();
    if (status == 413) {
      closeAfterResponse();
      return Response.fromResponse(tooLarge(uri.getPath(), "The request body is over the limit."))
          .header("Connection", "close")
          .build();
    }
    if (status == 400 && e.getCause() instanceof JsonProcessingException json) {
      return invalidJson(json);
    }
    ProblemType type = byStatus(status);
    if (type == ProblemType.INTERNAL_ERROR) {
      return unexpected(e);
    }
    String path = uri.getPath();
    if (type == ProblemType.METHOD_NOT_ALLOWED) {
      List<String> allowed = resources.allowed(path);
      return build(type, notAllowed(request.getMethod(), allowed), List.of())
          .header("Allow", String.join(", ", allowed))
          .build();
    }
    if (type == ProblemType.UNSUPPORTED_MEDIA_TYPE) {
      List<String> expected = resources.consumed(request.getMethod(), path);
      String sent = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
      return build(type, unsupported(expected, sent), List.of()).build();
    }
    return build(type, detailFor(type, e), List.of()).build();
  }

  private static String notAllowed(String method, List<String> allowed) {
    return allowed.isEmpty()
        ? "This path does not accept " + method + "."
        : "This path takes " + String.join(", ", allowed) + ", not " + method + ".";
  }

  private static String unsupported(List<String> expected, String sent) {
    String wanted =
        expected.isEmpty()
            ? "another Content-Type"
            : String.join(" or ", expected)
                + (expected.contains(MediaType.MULTIPART_FORM_DATA)
                    ? " (a JSON part 'metadata' and a file part 'binary')"
                    : "");
    return "This path takes " + wanted + (sent == null ? "." : ", not " + clip(sent) + ".");
  }

  private static String clip(String text) {
    String printable = text.replaceAll("\\p{Cntrl}", "?");
    return printable.length() > 100 ? printable.substring(0, 100) + "..." : printable;
  }

  /**
   * Client mistakes that arrive as plain unchecked exceptions: the framework's multipart parser
   * throws them for a part whose headers it cannot read (a Content-Type that does not parse, a
   * charset it does not know); Jackson throws a NumberFormatException, instead of a parse error,
   * for a number it cannot hold as a BigDecimal (an exponent beyond 32 bits, such as {@code
   * 1E9999999999}); and a body in an unknown charset surfaces as an UnsupportedEncodingException.
   * An exception is attributed to the parser or Jackson only when it was thrown there, not when one
   * of the registry's own methods is on the way. Every other unchecked exception is unexpected.
   */
  @ServerExceptionMapper
  public Response unchecked(RuntimeException e) {
    if (thrownIn(e, MULTIPART_PARSER)) {
      return build(
              ProblemType.INVALID_MULTIPART,
              hasUnknownCharset(e)
                  ? "A part of the multipart body declares a charset that is not supported."
                  : "The multipart body is malformed: a part's headers cannot be read.",
              List.of())
          .build();
    }
    if (e instanceof NumberFormatException && thrownIn(e, JACKSON)) {
      return build(
              ProblemType.INVALID_JSON,
              "The body is not valid JSON: a number is out of range.",
              List.of())
          .build();
    }
    if (hasUnknownCharset(e)) {
      return build(
              ProblemType.UNSUPPORTED_MEDIA_TYPE,
              "The body declares a charset that is not supported.",
              List.of())
          .build();
    }
    return unexpected(e);
  }

  /** True when a frame of {@code packagePrefix} comes before any of the registry's own frames. */
  private static boolean thrownIn(Throwable e, String packagePrefix) {
    for (StackTraceElement frame : e.getStackTrace()) {
      String name = frame.getClassName();
      if (name.startsWith(packagePrefix)) {
        return true;
      }
      if (name.startsWith(OWN_CODE)) {
        return false;
      }
    }
    return false;
  }

  private static boolean hasUnknownCharset(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof UnsupportedEncodingException
          || cause instanceof UnsupportedCharsetException
          || cause instanceof IllegalCharsetNameException) {
        return true;
      }
      if (cause.getCause() == cause) {
        return false;
      }
    }
    return false;
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

  /** The problem+json response of {@code type}, for code outside the JAX-RS pipeline too. */
  public static Response.ResponseBuilder build(
      ProblemType type, String detail, List<FieldError> errors) {
    return Response.status(type.status())
        .type(PROBLEM_JSON)
        .entity(Problem.of(type, detail, errors));
  }

  /** A 413: {@code binary-too-large} on the upload path, {@code request-too-large} elsewhere. */
  public static Response tooLarge(String path, String detail) {
    ProblemType type =
        path != null && path.replaceAll("/+$", "").endsWith("/agents")
            ? ProblemType.BINARY_TOO_LARGE
            : ProblemType.REQUEST_TOO_LARGE;
    return build(type, detail, List.of()).build();
  }

  /**
   * Closes the connection once the response is written. A body refused while it was read (by the
   * multipart parser) is left unread: kept alive, the connection would read the next request as the
   * rest of that body, and a proxy that reuses it would wait for an answer that never comes.
   */
  private static void closeAfterResponse() {
    ResteasyReactiveRequestContext request = CurrentRequestManager.get();
    RoutingContext context =
        request == null ? null : request.serverRequest().unwrap(RoutingContext.class);
    if (context != null) {
      context.addEndHandler(done -> context.request().connection().close());
    }
  }

  private static Response unauthorized(String detail) {
    return build(ProblemType.UNAUTHORIZED, detail, List.of())
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
        .build();
  }

  private static Response invalidJson(JsonProcessingException e) {
    if (e instanceof StreamConstraintsException limit) {
      return overLimit(limit);
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
    return build(ProblemType.INVALID_JSON, detail + ".", List.of()).build();
  }

  /** A JSON body over one of the parser's bounds (its length, depth or number of tokens). */
  private static Response overLimit(StreamConstraintsException e) {
    String reason = e.getOriginalMessage().replaceAll(", from `[^`]*`", "");
    if (reason.startsWith("Document length")) {
      return build(
              ProblemType.REQUEST_TOO_LARGE,
              "The JSON body is too long: " + reason + ".",
              List.of())
          .build();
    }
    return build(
            ProblemType.INVALID_JSON, "The body is not acceptable JSON: " + reason + ".", List.of())
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

  private static String detailFor(ProblemType type, WebApplicationException e) {
    return switch (type) {
      case NOT_FOUND -> "Nothing is served at this path.";
      case METHOD_NOT_ALLOWED -> "This path does not accept that method.";
      case NOT_ACCEPTABLE -> "This path cannot answer in the requested media type.";
      case UNSUPPORTED_MEDIA_TYPE -> "This path does not accept that Content-Type.";
      default -> type.title() + ".";
    };
  }
}
