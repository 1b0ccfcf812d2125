package io.agentry.gateway.web;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The pages of the marketplace at {@code /}, each a small HTML file whose scripts (under {@code
 * /assets/}) read and change everything through the public API. Pages are read once at start and
 * served from memory. The OpenAPI document is also served here, at {@code /docs/openapi.yaml}, for
 * the API docs page: {@code /q/openapi} may live on the management port.
 */
@ApplicationScoped
public class WebPages {

  /** Page paths and their files under {@code web/} on the classpath. */
  private static final Map<String, String> PAGES =
      Map.of(
          "/", "find.html",
          "/agents/:id", "agent.html",
          "/tasks", "tasks.html",
          "/tasks/:id", "task.html",
          "/publish", "publish.html",
          "/account", "account.html",
          "/docs", "docs.html");

  /**
   * Paths served outside the API besides the pages: the OpenAPI document, the session endpoints
   * ({@code web/SessionResource}), and under {@code /assets/} and {@code /webjars/} the pages'
   * scripts, styles and Swagger UI.
   */
  private static final Pattern OTHER_PATHS =
      Pattern.compile("/docs/openapi\\.yaml|/session(/register)?|/(assets|webjars)/.+");

  private static final Pattern PAGE_PATHS =
      Pattern.compile(
          String.join(
              "|", PAGES.keySet().stream().map(path -> path.replace(":id", "[^/]+")).toList()));

  private static final String HTML = "text/html; charset=utf-8";

  /**
   * Where Quarkus' HTTP metrics read a request's route template (as proxy/PublicRoutes sets it).
   */
  private static final String URL_PATH_TEMPLATE = "UrlPathTemplate";

  /**
   * True for a path outside {@code /api/v1} that the web pages serve (a page, an asset, the session
   * endpoints); every other such path is answered 404 saying where the API lives.
   */
  public static boolean serves(String path) {
    return PAGE_PATHS.matcher(path).matches() || OTHER_PATHS.matcher(path).matches();
  }

  void install(@Observes Router router) {
    router.route().order(Integer.MIN_VALUE + 100).handler(SecurityHeaders::add);
    PAGES.forEach(
        (path, file) -> {
          Buffer page = Buffer.buffer(read("web/" + file));
          String template = path.replace(":id", "{id}");
          router
              .get(path)
              .handler(
                  context -> {
                    // Metrics label the page by its template, never by the id in its path.
                    Vertx.currentContext().putLocal(URL_PATH_TEMPLATE, template);
                    serve(context, page, HTML);
                  });
        });
    Buffer openApi = Buffer.buffer(read("META-INF/openapi.yaml"));
    router
        .get("/docs/openapi.yaml")
        .handler(context -> serve(context, openApi, "application/yaml; charset=utf-8"));
  }

  private static void serve(RoutingContext context, Buffer body, String contentType) {
    context
        .response()
        .putHeader(HttpHeaders.CONTENT_TYPE, contentType)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
        .end(body);
  }

  private static byte[] read(String resource) {
    try (InputStream in =
        Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
