package io.agentry.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.UUID;

/**
 * The platform's public HTTP API as the benchmark uses it, on a non-blocking client with a pool of
 * keep-alive connections, so that the generator itself stays cheap.
 */
final class PublicApi implements AutoCloseable {

  /** A response: its status and body. */
  record Response(int status, Buffer body) {
    JsonObject json() {
      return body.toJsonObject();
    }
  }

  private final Vertx vertx;
  private final HttpClient client;
  private final String prefix;
  private final String host;
  private final int port;

  PublicApi(URI base, int connections) {
    this.vertx = Vertx.vertx();
    this.host = base.getHost();
    this.port = base.getPort() > 0 ? base.getPort() : 80;
    this.prefix = base.getPath().endsWith("/") ? base.getPath() : base.getPath() + "/";
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
            new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
  }

  /** Registers a new user and returns its API key. */
  String newUser() {
    String username = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    JsonObject body = new JsonObject().put("username", username).put("password", "bench-pass-1");
    Response response = await(send(HttpMethod.POST, "users/register", null, body.toBuffer()));
    expect(response, 201, "register a user");
    return response.json().getString("apiKey");
  }

  /** Uploads {@code wasm} as a new agent and returns it. */
  JsonObject upload(String apiKey, String name, byte[] wasm) {
    String boundary = "bench" + UUID.randomUUID().toString().replace("-", "");
    JsonObject metadata =
        new JsonObject()
            .put("name", name)
            .put("version", "1.0.0")
            .put("description", "benchmark agent");
    Buffer body =
        Buffer.buffer()
            .appendString("--" + boundary + "\r\n")
            .appendString("Content-Disposition: form-data; name=\"metadata\"\r\n")
            .appendString("Content-Type: application/json\r\n\r\n")
            .appendBuffer(metadata.toBuffer())
            .appendString("\r\n--" + boundary + "\r\n")
            .appendString(
                "Content-Disposition: form-data; name=\"binary\"; filename=\""
                    + name
                    + ".wasm\"\r\n")
            .appendString("Content-Type: application/wasm\r\n\r\n")
            .appendBytes(wasm)
            .appendString("\r\n--" + boundary + "--\r\n");
    RequestOptions options =
        request(HttpMethod.POST, "agents", apiKey)
            .putHeader("Content-Type", "multipart/form-data; boundary=" + boundary);
    Response response = await(send(options, body));
    expect(response, 201, "upload agent " + name);
    return response.json();
  }

  /** Submits a task; the response is a 202 with the task or a problem. */
  Future<Response> submit(String apiKey, Buffer taskBody) {
    return send(HttpMethod.POST, "tasks", apiKey, taskBody);
  }

  /** GETs a path under the base, as JSON. */
  JsonObject get(String apiKey, String path) {
    Response response = await(send(HttpMethod.GET, path, apiKey, null));
    expect(response, 200, "GET " + path);
    return response.json();
  }

  /** GETs an absolute URL on any host, as text (e.g. a service's /q/metrics). */
  String text(URI url) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setHost(url.getHost())
            .setPort(url.getPort())
            .setURI(url.getRawPath());
    Response response = await(send(options, null));
    expect(response, 200, "GET " + url);
    return response.body().toString();
  }

  @Override
  public void close() {
    client.close();
    vertx.close();
  }

  private Future<Response> send(HttpMethod method, String path, String apiKey, Buffer body) {
    RequestOptions options = request(method, path, apiKey);
    if (body != null) {
      options.putHeader("Content-Type", "application/json");
    }
    return send(options, body);
  }

  private RequestOptions request(HttpMethod method, String path, String apiKey) {
    RequestOptions options =
        new RequestOptions().setMethod(method).setHost(host).setPort(port).setURI(prefix + path);
    if (apiKey != null) {
      options.putHeader("Authorization", "Bearer " + apiKey);
    }
    return options;
  }

  private Future<Response> send(RequestOptions options, Buffer body) {
    return client
        .request(options)
        .compose(request -> body == null ? request.send() : request.send(body))
        .compose(response -> response.body().map(b -> new Response(response.statusCode(), b)));
  }

  private static Response await(Future<Response> response) {
    try {
      return response.toCompletionStage().toCompletableFuture().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("the request failed: " + e.getCause(), e.getCause());
    }
  }

  private static void expect(Response response, int status, String what) {
    if (response.status() != status) {
      throw new IllegalStateException(
          "could not " + what + ": HTTP " + response.status() + " " + response.body());
    }
  }
}
