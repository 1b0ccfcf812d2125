package io.agentry.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A JDK HTTP (or HTTPS) server on 127.0.0.1 and a free port, for outbound HTTP tests: it counts the
 * requests it got and remembers their {@code Host} headers and paths.
 */
public final class LocalHttpServer implements AutoCloseable {

  private static final String KEYSTORE = "/tls/localhost.p12";
  private static final char[] PASSWORD = "agentry-test".toCharArray();

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final AtomicInteger requests = new AtomicInteger();
  private final List<String> hosts = new CopyOnWriteArrayList<>();
  private final List<String> paths = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();

  private LocalHttpServer(HttpServer server) {
    this.server = server;
    server.setExecutor(threads);
    server.start();
  }

  /** A plain HTTP server. */
  public static LocalHttpServer http() {
    try {
      return new LocalHttpServer(
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An HTTPS server whose certificate names {@code localhost} and 127.0.0.1, self-signed. */
  public static LocalHttpServer https() {
    try {
      HttpsServer server =
          HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setHttpsConfigurator(new HttpsConfigurator(serverTls()));
      return new LocalHttpServer(server);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A client TLS context that trusts the test certificate (and nothing else). */
  public static SSLContext trustingTls() {
    try {
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(keyStore());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static SSLContext serverTls() {
    try {
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(keyStore(), PASSWORD);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyStore keyStore() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = LocalHttpServer.class.getResourceAsStream(KEYSTORE)) {
      store.load(in, PASSWORD);
    }
    return store;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:<port>} (or https). */
  public String origin() {
    return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + port();
  }

  /** Answers {@code path} with {@code handler}. */
  public LocalHttpServer on(String path, HttpHandler handler) {
    server.createContext(
        path,
        exchange -> {
          requests.incrementAndGet();
          hosts.add(exchange.getRequestHeaders().getFirst("Host"));
          paths.add(exchange.getRequestURI().toString());
          String authorization = exchange.getRequestHeaders().getFirst("Authorization");
          authorizations.add(authorization == null ? "" : authorization);
          try (exchange) {
            handler.handle(exchange);
          }
        });
    return this;
  }

  /** Answers {@code path} with 200 and {@code body} as text/plain. */
  public LocalHttpServer text(String path, String body) {
    return on(path, exchange -> send(exchange, 200, "text/plain", body));
  }

  public static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Answers {@code path} with a redirect to {@code location}. */
  public LocalHttpServer redirect(String path, int status, String location) {
    return on(
        path,
        exchange -> {
          exchange.getResponseHeaders().set("Location", location);
          exchange.sendResponseHeaders(status, -1);
        });
  }

  public int requests() {
    return requests.get();
  }

  public List<String> hosts() {
    return hosts;
  }

  public List<String> paths() {
    return paths;
  }

  public List<String> authorizations() {
    return authorizations;
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
