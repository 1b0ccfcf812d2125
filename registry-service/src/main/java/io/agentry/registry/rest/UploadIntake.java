package io.agentry.registry.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentry.registry.config.RegistryConfig;
import io.agentry.registry.problem.Problem;
import io.agentry.registry.problem.ProblemMapper;
import io.agentry.registry.problem.ProblemType;
import io.agentry.registry.problem.RefusedBody;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Admits uploads ({@code POST /agents}) before their bodies are read: at most {@code
 * upload.max-concurrent} at once, spooling at most {@code upload.spool-bytes} together (each counts
 * its declared Content-Length, or the whole body limit when it declares none). An upload that does
 * not fit is answered 503 {@code uploads-busy} with {@code Retry-After}, the rest of its body
 * dropped unread and its connection closed, so a few large uploads can fill neither the spool
 * volume nor the heap. What an upload holds is given back when its exchange ends, however it ends.
 */
@ApplicationScoped
public class UploadIntake {

  private final int maxConcurrent;
  private final long spoolBytes;
  private final long maxBodySize;
  private final int retryAfterSeconds;
  private final ObjectMapper json;
  private final AtomicLong uploads = new AtomicLong();
  private final AtomicLong spooled = new AtomicLong();

  public UploadIntake(
      RegistryConfig config,
      @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize,
      ObjectMapper json) {
    this.maxConcurrent = config.upload().maxConcurrent();
    this.spoolBytes = config.upload().spoolBytes().asLongValue();
    this.maxBodySize = maxBodySize.asLongValue();
    this.retryAfterSeconds = config.upload().retryAfterSeconds();
    this.json = json;
  }

  void install(@Observes Router router) {
    // After the size guard (a body over the limit is a 413, not a 503), before the body is read.
    router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::admit);
  }

  /** Uploads admitted now (for tests and metrics). */
  public long inProgress() {
    return uploads.get();
  }

  private void admit(RoutingContext context) {
    if (context.request().method() != HttpMethod.POST
        || !context.normalizedPath().replaceAll("/+$", "").equals("/agents")) {
      context.next();
      return;
    }
    long bytes = declaredLength(context);
    if (!tryTake(bytes)) {
      refuse(context);
      return;
    }
    AtomicBoolean released = new AtomicBoolean();
    Runnable release =
        () -> {
          if (released.compareAndSet(false, true)) {
            uploads.decrementAndGet();
            spooled.addAndGet(-bytes);
          }
        };
    // The answer's headers go out once the body was read and handled; a client that goes away
    // before that ends the exchange without them.
    context.addHeadersEndHandler(written -> release.run());
    context.addEndHandler(ended -> release.run());
    context.request().response().closeHandler(closed -> release.run());
    context.next();
  }

  private boolean tryTake(long bytes) {
    if (uploads.incrementAndGet() > maxConcurrent) {
      uploads.decrementAndGet();
      return false;
    }
    while (true) {
      long now = spooled.get();
      if (now + bytes > spoolBytes) {
        uploads.decrementAndGet();
        return false;
      }
      if (spooled.compareAndSet(now, now + bytes)) {
        return true;
      }
    }
  }

  private long declaredLength(RoutingContext context) {
    String header = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (header != null) {
      try {
        long length = Long.parseLong(header.trim());
        if (length >= 0) {
          return Math.min(length, maxBodySize);
        }
      } catch (NumberFormatException e) {
        // counted as the largest body below
      }
    }
    return maxBodySize;
  }

  private void refuse(RoutingContext context) {
    Problem problem =
        Problem.of(
            ProblemType.UPLOADS_BUSY,
            "The registry is receiving as many uploads as it can hold right now; send this one"
                + " again in "
                + retryAfterSeconds
                + " seconds.",
            List.of());
    context
        .response()
        .setStatusCode(ProblemType.UPLOADS_BUSY.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, ProblemMapper.PROBLEM_JSON)
        .putHeader(HttpHeaders.RETRY_AFTER, Integer.toString(retryAfterSeconds))
        .putHeader(HttpHeaders.CONNECTION, "close")
        .end(encode(problem))
        .onComplete(done -> RefusedBody.discardThenClose(context, maxBodySize));
  }

  private String encode(Problem problem) {
    try {
      return json.writeValueAsString(problem);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a problem is always serializable", e);
    }
  }
}
