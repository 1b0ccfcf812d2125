package io.agentry.sandbox.http;

import java.time.Duration;

/**
 * What one task may do with outbound HTTP. Response bodies are streamed from the connection into
 * the module's memory, a chunk at a time, so they hold no host memory; the host keeps each
 * response's head (at most {@code maxHeadBytes}) until the run ends.
 *
 * @param maxRequests requests a task may send, each redirect followed counting as one
 * @param maxResponseBytes body bytes of one response
 * @param maxTotalBytes body bytes of all the task's responses together
 * @param maxOpenResponses responses whose body is still being read, at the same time
 * @param maxRequestBytes bytes of the request's JSON (method, URL and headers)
 * @param maxRequestBodyBytes bytes of one request body
 * @param maxHeadBytes bytes of one response's status line and headers
 * @param requestTimeout how long a request may wait for its connection and response head, and for
 *     each read of its body; the task's own time limit cuts every wait too
 */
public record HttpLimits(
    int maxRequests,
    long maxResponseBytes,
    long maxTotalBytes,
    int maxOpenResponses,
    int maxRequestBytes,
    int maxRequestBodyBytes,
    int maxHeadBytes,
    Duration requestTimeout) {

  public static final int DEFAULT_MAX_REQUESTS = 32;
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 4L * 1024 * 1024;
  public static final long DEFAULT_MAX_TOTAL_BYTES = 16L * 1024 * 1024;
  public static final int DEFAULT_MAX_OPEN_RESPONSES = 8;
  public static final int DEFAULT_MAX_REQUEST_BYTES = 64 * 1024;
  public static final int DEFAULT_MAX_REQUEST_BODY_BYTES = 1024 * 1024;
  public static final int DEFAULT_MAX_HEAD_BYTES = 32 * 1024;
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /** The largest response body a task may be allowed: 1 GiB. */
  public static final long MAX_RESPONSE_BYTES = 1L << 30;

  public HttpLimits {
    positive("maxRequests", maxRequests);
    positive("maxResponseBytes", maxResponseBytes);
    if (maxResponseBytes > MAX_RESPONSE_BYTES) {
      // http_request writes a declared length as a u32 below 0xFFFFFFFF (which means unknown)
      throw new IllegalArgumentException(
          "maxResponseBytes must be at most " + MAX_RESPONSE_BYTES + ", was " + maxResponseBytes);
    }
    positive("maxTotalBytes", maxTotalBytes);
    positive("maxOpenResponses", maxOpenResponses);
    positive("maxRequestBytes", maxRequestBytes);
    positive("maxRequestBodyBytes", maxRequestBodyBytes);
    positive("maxHeadBytes", maxHeadBytes);
    if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("requestTimeout must be positive");
    }
  }

  /** The defaults of docs/contract.md section 4. */
  public static HttpLimits defaults() {
    return new HttpLimits(
        DEFAULT_MAX_REQUESTS,
        DEFAULT_MAX_RESPONSE_BYTES,
        DEFAULT_MAX_TOTAL_BYTES,
        DEFAULT_MAX_OPEN_RESPONSES,
        DEFAULT_MAX_REQUEST_BYTES,
        DEFAULT_MAX_REQUEST_BODY_BYTES,
        DEFAULT_MAX_HEAD_BYTES,
        DEFAULT_REQUEST_TIMEOUT);
  }

  private static void positive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }
}
