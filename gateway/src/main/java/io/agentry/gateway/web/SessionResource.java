package io.agentry.gateway.web;

import io.agentry.gateway.OnContext;
import io.agentry.gateway.problem.GatewayException;
import io.agentry.gateway.problem.ProblemType;
import io.agentry.gateway.security.TokenVerifier;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The web pages' session: {@code GET /session} (who is signed in, and the CSRF token), {@code POST
 * /session} (sign in), {@code POST /session/register} (sign up, then signed in), {@code DELETE
 * /session} (sign out). Not part of the public API: browsers only, same origin only.
 */
@Path("/session")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

  private final WebSessions sessions;
  private final AccountClient accounts;
  private final TokenVerifier tokens;

  public SessionResource(WebSessions sessions, AccountClient accounts, TokenVerifier tokens) {
    this.sessions = sessions;
    this.accounts = accounts;
    this.tokens = tokens;
  }

  @GET
  public Uni<Response> current(RoutingContext context) {
    HttpServerRequest request = context.request();
    Optional<SessionSecret> secret = SessionCookie.of(request);
    if (secret.isEmpty() || SameOrigin.refusal(request) != null) {
      return Uni.createFrom().item(signedOut(request));
    }
    return OnContext.current(
        sessions
            .find(secret.get())
            .map(
                found ->
                    found
                        .map(session -> Response.ok(SessionView.of(session)).build())
                        .orElseGet(() -> signedOut(request))));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> signIn(String credentials, RoutingContext context) {
    HttpServerRequest request = sameOrigin(context);
    String address = request.remoteAddress().host();
    return OnContext.current(
        accounts
            .login(credentials, address)
            .chain(issued -> open(request, issued.token()))
            .map(opened -> opened.response(Response.Status.OK, opened.view())));
  }

  @POST
  @Path("/register")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> signUp(String credentials, RoutingContext context) {
    HttpServerRequest request = sameOrigin(context);
    String address = request.remoteAddress().host();
    return OnContext.current(
        accounts
            .register(credentials, address)
            .chain(
                registered ->
                    accounts
                        .login(credentials, address)
                        .chain(issued -> open(request, issued.token()))
                        .map(
                            opened ->
                                opened.response(
                                    Response.Status.CREATED,
                                    opened.view().withApiKey(registered.getString("apiKey"))))));
  }

  @DELETE
  public Uni<Response> signOut(RoutingContext context) {
    HttpServerRequest request = sameOrigin(context);
    Optional<SessionSecret> secret = SessionCookie.of(request);
    Response done =
        Response.noContent().header(HttpHeaders.SET_COOKIE, SessionCookie.clear(request)).build();
    if (secret.isEmpty()) {
      return Uni.createFrom().item(done);
    }
    if (!secret.get().isCsrfToken(request.getHeader(SameOrigin.CSRF_HEADER))) {
      throw new GatewayException(
          ProblemType.CROSS_SITE_REQUEST,
          "Signing out needs the session's " + SameOrigin.CSRF_HEADER + " header.");
    }
    return OnContext.current(sessions.close(secret.get()).replaceWith(done));
  }

  @ServerExceptionMapper
  public Response upstream(UpstreamProblem problem) {
    return problem.response();
  }

  /** A new session and the cookie that carries it. */
  private record Opened(SessionView view, String cookie) {

    Response response(Response.Status status, SessionView body) {
      return Response.status(status).entity(body).header(HttpHeaders.SET_COOKIE, cookie).build();
    }
  }

  /** Opens a session for the token a sign-in just gave. */
  private Uni<Opened> open(HttpServerRequest request, String token) {
    return tokens
        .verify(token)
        .chain(
            caller ->
                accounts
                    .me(token)
                    .map(me -> me.getString("username"))
                    .chain(
                        username ->
                            sessions
                                .open(caller, username)
                                .map(
                                    secret ->
                                        new Opened(
                                            SessionView.of(
                                                new WebSession(
                                                    caller.userId(),
                                                    username,
                                                    caller.token(),
                                                    caller.expiresAt(),
                                                    secret.csrfToken())),
                                            SessionCookie.issue(
                                                request, secret, caller.expiresAt())))));
  }

  private static HttpServerRequest sameOrigin(RoutingContext context) {
    String refusal = SameOrigin.refusal(context.request());
    if (refusal != null) {
      throw new GatewayException(
          ProblemType.CROSS_SITE_REQUEST, refusal + " Sign in on this site's own pages.");
    }
    return context.request();
  }

  private static Response signedOut(HttpServerRequest request) {
    Response.ResponseBuilder response = Response.ok(SessionView.SIGNED_OUT);
    if (SessionCookie.isPresent(request)) {
      response.header(HttpHeaders.SET_COOKIE, SessionCookie.clear(request));
    }
    return response.build();
  }
}
