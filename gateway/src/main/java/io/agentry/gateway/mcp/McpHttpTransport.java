package io.agentry.gateway.mcp;

import io.agentry.gateway.problem.GatewayException;
import io.agentry.gateway.problem.ProblemType;
import io.agentry.gateway.problem.ProblemWriter;
import io.agentry.gateway.proxy.RouteTable;
import io.agentry.gateway.security.Caller;
import io.agentry.gateway.security.CallerContext;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import io.modelcontextprotocol.spec.HttpHeaders;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The MCP Streamable HTTP transport at {@code /api/v1/mcp}, written on the gateway's Vert.x router
 * against the MCP Java SDK's transport SPI ({@link McpStreamableServerTransportProvider}): the
 * SDK's sessions parse, dispatch and correlate JSON-RPC; this class maps HTTP onto them. The front
 * door ({@code proxy/PublicRoutes}) has already authenticated and rate-limited every request.
 *
 * <ul>
 *   <li>POST {@code initialize}: a new session, answered as JSON with {@code Mcp-Session-Id}.
 *   <li>POST a request: answered as an event stream (its progress notifications, then its
 *       response); POST a notification or response: 202.
 *   <li>GET: the session's listening stream (e.g. {@code notifications/tools/list_changed}).
 *   <li>DELETE: ends the session.
 * </ul>
 *
 * Sessions live in this instance's memory and belong to the user who opened them: another user's
 * credentials, or an unknown or expired session id, get 404, upon which MCP clients initialize
 * again. A {@code notifications/cancelled} stops the request it names.
 */
@ApplicationScoped
public class McpHttpTransport implements McpStreamableServerTransportProvider {

  /** The endpoint, under the public base. */
  public static final String PATH = RouteTable.PUBLIC_BASE + McpProtocol.ENDPOINT;

  private static final Logger LOG = Logger.getLogger(McpHttpTransport.class);
  private static final String CANCELLED = "notifications/cancelled";

  private final Map<String, McpSessionEntry> sessions = new ConcurrentHashMap<>();
  private final McpJsonMapper json;
  private final ProblemWriter problems;
  private final McpConfig config;
  private final Vertx vertx;
  private final ServerTransportSecurityValidator origins;
  private final List<String> protocolVersions;
  private McpStreamableServerSession.Factory sessionFactory;

  public McpHttpTransport(
      McpProtocol protocol, ProblemWriter problems, McpConfig config, Vertx vertx) {
    this.json = protocol.json();
    this.problems = problems;
    this.config = config;
    this.vertx = vertx;
    this.protocolVersions = protocol.versions();
    this.origins =
        DefaultServerTransportSecurityValidator.builder()
            .allowedOrigins(config.allowedOrigins().orElse(List.of()))
            .build();
    setSessionFactory(protocol.sessionFactory());
  }

  @Override
  public void setSessionFactory(McpStreamableServerSession.Factory sessionFactory) {
    this.sessionFactory = sessionFactory;
  }

  @Override
  public List<String> protocolVersions() {
    return protocolVersions;
  }

  void install(@Observes Router router) {
    // After the front door (authentication, rate limit), which runs at UPLOAD_LIMIT - 1.
    router.route(PATH).order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT).handler(this::handle);
  }

  private void handle(RoutingContext context) {
    Caller caller = CallerContext.get(context);
    HttpServerRequest request = context.request();
    try {
      origins.validateHeaders(headers(request));
    } catch (ServerTransportSecurityException e) {
      request.resume();
      fail(context, new GatewayException(ProblemType.ORIGIN_NOT_ALLOWED, originDetail(request)));
      return;
    }
    String version = request.getHeader(HttpHeaders.PROTOCOL_VERSION);
    if (version != null && !protocolVersions.contains(version)) {
      request.resume();
      fail(
          context,
          new GatewayException(
              ProblemType.BAD_REQUEST,
              "MCP-Protocol-Version " + version + " is not one of " + protocolVersions + "."));
      return;
    }
    HttpMethod method = request.method();
    if (method == HttpMethod.POST) {
      readBody(context, body -> post(context, caller, body));
    } else if (method == HttpMethod.GET) {
      request.resume();
      listen(context, caller);
    } else if (method == HttpMethod.DELETE) {
      request.resume();
      delete(context, caller);
    } else {
      request.resume();
      context.response().putHeader("Allow", "GET, POST, DELETE");
      fail(
          context,
          new GatewayException(ProblemType.METHOD_NOT_ALLOWED, "Use POST, GET or DELETE."));
    }
  }

  private void post(RoutingContext context, Caller caller, Buffer body) {
    McpSchema.JSONRPCMessage message;
    try {
      message = McpSchema.deserializeJsonRpcMessage(json, body.toString());
    } catch (IOException | IllegalArgumentException e) {
      fail(
          context,
          new GatewayException(
              ProblemType.INVALID_JSON, "The body is not one JSON-RPC 2.0 message."));
      return;
    }
    String accept = context.request().getHeader("Accept");
    if (!accepts(accept, "application/json") || !accepts(accept, "text/event-stream")) {
      fail(
          context,
          new GatewayException(
              ProblemType.NOT_ACCEPTABLE,
              "Send Accept: application/json, text/event-stream, as the Streamable HTTP"
                  + " transport requires."));
      return;
    }
    if (message instanceof McpSchema.JSONRPCRequest request
        && McpSchema.METHOD_INITIALIZE.equals(request.method())) {
      initialize(context, caller, request);
      return;
    }
    McpSessionEntry entry = session(context, caller);
    if (entry == null) {
      return;
    }
    McpTransportContext transportContext = McpCaller.context(caller);
    if (message instanceof McpSchema.JSONRPCRequest request) {
      respond(context, entry, request, transportContext);
    } else {
      if (message instanceof McpSchema.JSONRPCNotification notification
          && CANCELLED.equals(notification.method())) {
        entry.cancel(cancelledRequestId(notification));
      }
      Mono<Void> accepted =
          message instanceof McpSchema.JSONRPCNotification notification
              ? entry.session().accept(notification)
              : entry.session().accept((McpSchema.JSONRPCResponse) message);
      accepted
          .contextWrite(ctx -> ctx.put(McpTransportContext.KEY, transportContext))
          .subscribe(
              null, e -> LOG.debugf("An MCP message was not accepted: %s", e.toString()), () -> {});
      context.response().setStatusCode(202).end();
    }
  }

  private void initialize(RoutingContext context, Caller caller, McpSchema.JSONRPCRequest request) {
    io.vertx.core.Context requestContext = Vertx.currentContext();
    McpSchema.InitializeRequest initialize =
        json.convertValue(request.params(), new TypeRef<McpSchema.InitializeRequest>() {});
    McpStreamableServerSession.McpStreamableServerSessionInit init =
        sessionFactory.startSession(initialize);
    McpSessionEntry entry = new McpSessionEntry(init.session(), caller.userId());
    makeRoomFor(caller.userId());
    sessions.put(init.session().getId(), entry);
    init.initResult()
        .subscribe(
            result ->
                onContext(
                    requestContext,
                    () ->
                        context
                            .response()
                            .setStatusCode(200)
                            .putHeader("Content-Type", "application/json")
                            .putHeader(HttpHeaders.MCP_SESSION_ID, init.session().getId())
                            .end(write(McpSchema.JSONRPCResponse.result(request.id(), result)))),
            error -> onContext(requestContext, () -> fail(context, internal(error))));
  }

  private void respond(
      RoutingContext context,
      McpSessionEntry entry,
      McpSchema.JSONRPCRequest request,
      McpTransportContext transportContext) {
    SseStream stream =
        new SseStream(context.response(), vertx, json, config.keepAliveInterval()).open();
    Object requestId = request.id();
    Disposable call =
        entry
            .session()
            .responseStream(request, stream)
            .contextWrite(ctx -> ctx.put(McpTransportContext.KEY, transportContext))
            .doFinally(signal -> entry.finished(requestId))
            .subscribe(
                null,
                e -> {
                  LOG.warnf("An MCP request failed: %s", e.toString());
                  stream.close();
                });
    entry.started(requestId, call, stream);
  }

  private void listen(RoutingContext context, Caller caller) {
    String accept = context.request().getHeader("Accept");
    if (!accepts(accept, "text/event-stream")) {
      fail(
          context,
          new GatewayException(
              ProblemType.NOT_ACCEPTABLE, "The listening stream needs Accept: text/event-stream."));
      return;
    }
    McpSessionEntry entry = session(context, caller);
    if (entry == null) {
      return;
    }
    SseStream stream =
        new SseStream(context.response(), vertx, json, config.keepAliveInterval()).open();
    McpStreamableServerSession.McpStreamableServerSessionStream listening =
        entry.session().listeningStream(stream);
    context.response().closeHandler(ignored -> listening.close());
  }

  private void delete(RoutingContext context, Caller caller) {
    McpSessionEntry entry = session(context, caller);
    if (entry == null) {
      return;
    }
    sessions.remove(entry.session().getId(), entry);
    entry.close();
    context.response().setStatusCode(204).end();
  }

  /** The session the request names, if it is the caller's; otherwise answers and returns null. */
  private McpSessionEntry session(RoutingContext context, Caller caller) {
    String id = context.request().getHeader(HttpHeaders.MCP_SESSION_ID);
    if (id == null || id.isBlank()) {
      fail(
          context,
          new GatewayException(
              ProblemType.BAD_REQUEST,
              "Mcp-Session-Id is missing: send initialize first, then its session id."));
      return null;
    }
    McpSessionEntry entry = sessions.get(id);
    if (entry == null || !entry.userId().equals(caller.userId())) {
      fail(
          context,
          new GatewayException(
              ProblemType.MCP_SESSION_NOT_FOUND,
              "There is no MCP session " + id + " here; initialize a new one."));
      return null;
    }
    entry.touch();
    return entry;
  }

  /** Sends a notification to every session of {@code userId} that has a listening stream. */
  void notifyUser(UUID userId, String method) {
    sessions.values().stream()
        .filter(entry -> entry.userId().equals(userId))
        .forEach(
            entry ->
                entry
                    .session()
                    .sendNotification(method, null)
                    .subscribe(
                        null,
                        e -> LOG.debugf("A notification was not delivered: %s", e),
                        () -> {}));
  }

  @Override
  public Mono<Void> notifyClients(String method, Object params) {
    return Flux.fromIterable(sessions.values())
        .flatMap(entry -> entry.session().sendNotification(method, params).onErrorComplete())
        .then();
  }

  @Override
  public Mono<Void> notifyClient(String sessionId, String method, Object params) {
    McpSessionEntry entry = sessions.get(sessionId);
    return entry == null ? Mono.empty() : entry.session().sendNotification(method, params);
  }

  @Override
  public Mono<Void> closeGracefully() {
    return Mono.fromRunnable(
        () -> {
          sessions.values().forEach(McpSessionEntry::close);
          sessions.clear();
        });
  }

  void onStop(@Observes ShutdownEvent event) {
    close();
  }

  /** Closes sessions that have been idle past the timeout and run no request. */
  @Scheduled(every = "60s", delayed = "60s")
  void closeIdle() {
    long cutoff = System.nanoTime() - config.sessionIdleTimeout().toNanos();
    sessions
        .values()
        .removeIf(
            entry -> {
              if (entry.idleSince(cutoff)) {
                entry.close();
                return true;
              }
              return false;
            });
  }

  /** Number of sessions open on this instance. */
  int sessionCount() {
    return sessions.size();
  }

  private void makeRoomFor(UUID userId) {
    List<McpSessionEntry> own = new ArrayList<>();
    sessions.values().stream().filter(entry -> entry.userId().equals(userId)).forEach(own::add);
    if (own.size() < config.maxSessionsPerUser()) {
      return;
    }
    own.sort(Comparator.comparingLong(McpSessionEntry::lastUsed));
    for (McpSessionEntry oldest : own.subList(0, own.size() - config.maxSessionsPerUser() + 1)) {
      sessions.remove(oldest.session().getId(), oldest);
      oldest.close();
    }
  }

  private void readBody(RoutingContext context, java.util.function.Consumer<Buffer> then) {
    HttpServerRequest request = context.request();
    int max = config.maxMessageBytes();
    Buffer body = Buffer.buffer();
    boolean[] tooLarge = {false};
    request.handler(
        chunk -> {
          if (tooLarge[0]) {
            return;
          }
          if (body.length() + chunk.length() > max) {
            tooLarge[0] = true;
            context.response().putHeader("Connection", "close");
            fail(
                context,
                new GatewayException(
                    ProblemType.REQUEST_TOO_LARGE,
                    "An MCP message may be at most " + max + " bytes."));
            return;
          }
          body.appendBuffer(chunk);
        });
    request.endHandler(
        ignored -> {
          if (!tooLarge[0]) {
            then.accept(body);
          }
        });
    request.resume();
  }

  private static Object cancelledRequestId(McpSchema.JSONRPCNotification notification) {
    return notification.params() instanceof Map<?, ?> params ? params.get("requestId") : null;
  }

  private static boolean accepts(String accept, String type) {
    return accept != null && (accept.contains(type) || accept.contains("*/*"));
  }

  private static Map<String, List<String>> headers(HttpServerRequest request) {
    String origin = request.getHeader("Origin");
    return origin == null ? Map.of() : Map.of("Origin", List.of(origin));
  }

  private static String originDetail(HttpServerRequest request) {
    return "Requests from the origin "
        + request.getHeader("Origin")
        + " are not allowed here (agentry.gateway.mcp.allowed-origins).";
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalStateException("an MCP message could not be written", e);
    }
  }

  private void fail(RoutingContext context, GatewayException problem) {
    if (!context.response().ended()) {
      problems.end(context, problem);
    }
  }

  private static GatewayException internal(Throwable error) {
    LOG.warnf("An MCP session could not be initialized: %s", error.toString());
    return new GatewayException(ProblemType.INTERNAL_ERROR, "The session could not be started.");
  }

  private static void onContext(io.vertx.core.Context requestContext, Runnable action) {
    if (Vertx.currentContext() == requestContext) {
      action.run();
    } else {
      requestContext.runOnContext(ignored -> action.run());
    }
  }
}
