package io.agentry.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Requests no client should send, on every endpoint that could be hurt by them: malformed JSON and
 * multipart, oversized headers and bodies, hostile ids in every id segment and SQL metacharacters
 * in every query parameter. Each is refused with a 4xx problem (or, for search text, matched
 * literally), never a 5xx; and afterwards nothing the refused requests would have created exists.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileRequestsE2ETest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final int MIB = 1024 * 1024;

  private final Platform platform = Platform.get();

  /**
   * Letters only, starting with z: no search of this test (for digits, or for a prefix such as
   * "pu") can match an agent by the suffix of its name.
   */
  private final String suffix = "z" + letters(7);

  private PublicApi user;
  private PublicApi rater;
  private String agentId;
  private String keyId;
  private byte[] module;
  private final List<String> refusedUsernames = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();

  @BeforeEach
  void forgetFailuresOfOtherTests() {
    failures.clear();
  }

  @BeforeAll
  void setUp() {
    user = PublicApi.newUser(platform.apiUrl());
    rater = PublicApi.newUser(platform.apiUrl());
    module = Agents.exitWith(0);
    agentId = user.upload("target-" + suffix, "1.0.0", module).path("id").asText();
    keyId = user.getJson("/users/me/api-keys").path("items").get(0).path("id").asText();
    // Only a user who ran an agent may rate it.
    rater.ran(agentId, Duration.ofSeconds(60));
    // The agents the search cases look for, with a capability only they have.
    uploadWith("percent-" + suffix, "One hundred percent pure text.");
    uploadWith(
        "quote-" + suffix,
        "O'Reilly says \"hello\" with a back\\slash and an under_score in text.");
    uploadWith("unicode-" + suffix, "Café naïve straße 日本語 😀 text.");
  }

  // ---------------------------------------------------------------------------------------------
  // Malformed JSON

  /** A JSON endpoint: how to reach it and a body it accepts, to spoil in every way. */
  private record JsonEndpoint(
      String name, String method, String path, PublicApi caller, Map<String, Object> valid) {}

  private List<JsonEndpoint> jsonEndpoints() {
    Map<String, Object> register = new LinkedHashMap<>();
    register.put("username", "hostile-" + suffix);
    register.put("password", PublicApi.PASSWORD);
    Map<String, Object> login = new LinkedHashMap<>();
    login.put("username", user.username());
    login.put("password", PublicApi.PASSWORD);
    Map<String, Object> patch = new LinkedHashMap<>();
    patch.put("description", "hostile");
    patch.put("price", 1.5);
    patch.put("capabilities", List.of("hostile"));
    Map<String, Object> rating = new LinkedHashMap<>();
    rating.put("score", 4);
    Map<String, Object> task = new LinkedHashMap<>();
    task.put("agentId", agentId);
    task.put("input", "hostile");
    task.put("args", List.of("a"));
    task.put("env", Map.of("A", "b"));
    task.put("timeoutMs", 1000);
    task.put("maxMemoryMb", 16);
    return List.of(
        new JsonEndpoint("register", "POST", "/users/register", null, register),
        new JsonEndpoint("login", "POST", "/users/login", null, login),
        new JsonEndpoint("patch", "PATCH", "/agents/" + agentId, user, patch),
        new JsonEndpoint("rating", "PUT", "/agents/" + agentId + "/rating", rater, rating),
        new JsonEndpoint("task", "POST", "/tasks", user, task));
  }

  @Test
  @Order(1)
  void malformedJsonIsABadRequestOnEveryJsonEndpoint() {
    for (JsonEndpoint endpoint : jsonEndpoints()) {
      Map<String, byte[]> bodies = new LinkedHashMap<>();
      String valid = json(endpoint.valid());
      bodies.put("empty", new byte[0]);
      bodies.put("whitespace", utf8(" \n\t "));
      bodies.put("truncated", utf8(valid.substring(0, valid.length() / 2)));
      bodies.put("unclosed", utf8(valid.substring(0, valid.length() - 1)));
      bodies.put("trailing comma", utf8(valid.substring(0, valid.length() - 1) + ",}"));
      bodies.put("single quotes", utf8(valid.replace('"', '\'')));
      bodies.put("unquoted names", utf8(valid.replaceAll("\"(\\w+)\":", "$1:")));
      bodies.put("a second document", utf8(valid + " " + valid));
      bodies.put("trailing garbage", utf8(valid + " garbage"));
      bodies.put("comment", utf8("/* hi */ " + valid));
      bodies.put("NaN", utf8("{\"x\":NaN}"));
      bodies.put("array", utf8("[" + valid + "]"));
      bodies.put("string", utf8("\"" + valid.replace("\"", "\\\"") + "\""));
      bodies.put("number", utf8("42"));
      bodies.put("null", utf8("null"));
      bodies.put("true", utf8("true"));
      bodies.put("deep arrays", utf8("[".repeat(100_000) + "]".repeat(100_000)));
      bodies.put("deep objects", utf8("{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000)));
      bodies.put("invalid UTF-8", withField(endpoint, new byte[] {(byte) 0xff, (byte) 0xfe}));
      bodies.put("lone continuation byte", withField(endpoint, new byte[] {(byte) 0x80}));
      bodies.put("truncated UTF-8", withField(endpoint, new byte[] {(byte) 0xe2, (byte) 0x82}));
      for (String field : endpoint.valid().keySet()) {
        bodies.put(field + " huge exponent", replace(endpoint, field, "1e999999"));
        bodies.put(field + " 5000 digits", replace(endpoint, field, "9".repeat(5_000)));
        bodies.put(field + " tiny", replace(endpoint, field, "-1e-999999"));
        bodies.put(field + " array", replace(endpoint, field, "[[[1]]]"));
        bodies.put(field + " object", replace(endpoint, field, "{\"$ne\":null}"));
        bodies.put(field + " boolean", replace(endpoint, field, "true"));
        bodies.put(field + " wrong type", replace(endpoint, field, wrongType(endpoint, field)));
      }
      for (Map.Entry<String, byte[]> body : bodies.entrySet()) {
        expectRefused(
            endpoint.name() + " with " + body.getKey(),
            send(endpoint, "application/json", body.getValue()),
            400);
      }
    }
    assertNoFailures();
  }

  @Test
  @Order(2)
  void textNoDatabaseCanStoreIsRefused() {
    String nul = "\"a\\u0000b\"";
    String loneSurrogate = "\"a\\ud800b\"";
    expectRefused(
        "description with NUL",
        send(jsonEndpoint("patch"), "application/json", utf8("{\"description\":" + nul + "}")),
        400);
    expectRefused(
        "description with a lone surrogate",
        send(
            jsonEndpoint("patch"),
            "application/json",
            utf8("{\"description\":" + loneSurrogate + "}")),
        400);
    String registerName = "nul-" + suffix;
    refusedUsernames.add(registerName);
    expectRefused(
        "register with NUL in the username",
        send(
            jsonEndpoint("register"),
            "application/json",
            utf8("{\"username\":\"" + registerName + "\\u0000\",\"password\":\"x-x-x-x-x\"}")),
        400);
    expectRefused(
        "login with NUL in the username",
        send(
            jsonEndpoint("login"),
            "application/json",
            utf8("{\"username\":\"a\\u0000b\",\"password\":\"correct-horse-battery\"}")),
        401);
    expectRefused(
        "task argument with NUL",
        send(
            jsonEndpoint("task"),
            "application/json",
            utf8("{\"agentId\":\"" + agentId + "\",\"args\":[" + nul + "]}")),
        400);
    expectRefused(
        "task env with a lone surrogate",
        send(
            jsonEndpoint("task"),
            "application/json",
            utf8("{\"agentId\":\"" + agentId + "\",\"env\":{\"A\":" + loneSurrogate + "}}")),
        400);
    expectRefused(
        "upload whose description has NUL",
        upload(metadata("nul-" + suffix, Map.of("description", "a\u0000b")), binary(module)),
        400);
    assertNoFailures();
  }

  @Test
  @Order(3)
  void aWrongContentTypeIsRefusedOnEveryJsonEndpoint() {
    for (JsonEndpoint endpoint : jsonEndpoints()) {
      byte[] body = utf8(json(endpoint.valid()));
      for (String type :
          List.of(
              "text/plain",
              "application/xml",
              "application/x-www-form-urlencoded",
              "multipart/form-data; boundary=x",
              "application/octet-stream")) {
        expectRefused(endpoint.name() + " as " + type, send(endpoint, type, body), 415);
      }
      // Without a Content-Type a body is read as JSON (the framework's choice): never as anything
      // else, so a broken one is still a bad request.
      expectRefused(
          endpoint.name() + " without a Content-Type",
          send(endpoint, null, utf8("{")),
          400,
          "invalid-json");
    }
    assertNoFailures();
  }

  // ---------------------------------------------------------------------------------------------
  // Malformed multipart

  @Test
  @Order(4)
  void malformedMultipartUploadsAreRefused() {
    String name = "hostile-" + suffix;
    byte[] wasm = binary(module);
    byte[] meta = metadata(name, Map.of());
    expectRefused(
        "no boundary", sendUpload("multipart/form-data", multipart("b", meta, wasm)), 400);
    expectRefused(
        "a boundary the body does not use",
        sendUpload("multipart/form-data; boundary=other", multipart("b", meta, wasm)),
        400);
    expectRefused("an empty body", sendUpload("multipart/form-data; boundary=b", new byte[0]), 400);
    expectRefused(
        "a body that is not multipart",
        sendUpload("multipart/form-data; boundary=b", utf8("{\"name\":\"x\"}")),
        400);
    byte[] whole = multipart("b", meta, wasm);
    expectRefused(
        "a body cut in the binary",
        sendUpload("multipart/form-data; boundary=b", Arrays.copyOf(whole, whole.length - 40)),
        400);
    expectRefused(
        "a body without its closing boundary",
        sendUpload(
            "multipart/form-data; boundary=b",
            Arrays.copyOf(whole, whole.length - "--b--\r\n".length())),
        400);
    expectRefused("no metadata part", upload(wasm), 400);
    expectRefused("no binary part", upload(meta), 400);
    expectRefused("two metadata parts", upload(meta, meta, wasm), 400);
    expectRefused("two binary parts", upload(meta, wasm, wasm), 400);
    expectRefused(
        "the binary as a text field",
        upload(meta, part("binary", null, "text/plain", utf8("not a file"))),
        400);
    expectRefused(
        "metadata that is not JSON",
        upload(part("metadata", null, "application/json", utf8("name=x")), wasm),
        400);
    expectRefused(
        "metadata that is an array",
        upload(part("metadata", null, "application/json", utf8("[]")), wasm),
        400);
    expectRefused(
        "metadata with a second document",
        upload(part("metadata", null, "application/json", concat(meta, utf8(" {}"))), wasm),
        400);
    byte[] invalidUtf8 =
        concat(
            utf8("{\"name\":\"" + name + "\",\"version\":\"1.0.0\",\"description\":\""),
            new byte[] {(byte) 0xff, (byte) 0xfe},
            utf8("\"}"));
    expectRefused(
        "a metadata file that is not UTF-8",
        upload(part("metadata", "metadata.json", "application/json", invalidUtf8), wasm),
        400);
    byte[] hugeMetadata = metadata(name, Map.of("description", "x".repeat(70_000)));
    expectRefused(
        "a metadata field over 64 KiB",
        upload(part("metadata", null, "application/json", hugeMetadata), wasm),
        400,
        413);
    expectRefused(
        "a metadata file over 64 KiB",
        upload(part("metadata", "metadata.json", "application/json", hugeMetadata), wasm),
        400);
    expectRefused(
        "metadata with an unknown field",
        upload(metadata(name, Map.of("owner", "someone-else")), wasm),
        400);
    expectRefused(
        "metadata with an invalid name",
        upload(metadata(name, Map.of("name", "../../etc/passwd")), wasm),
        400);
    expectRefused(
        "a binary that is not WebAssembly",
        upload(meta, part("binary", "agent.wasm", "application/wasm", utf8("#!/bin/sh\n"))),
        422);
    expectRefused(
        "an empty binary",
        upload(meta, part("binary", "agent.wasm", "application/wasm", new byte[0])),
        400,
        422);
    expectRefused(
        "an upload sent as JSON", sendUpload("application/json", utf8(json(Map.of()))), 415);
    expectRefused(
        "an upload sent as a form",
        sendUpload("application/x-www-form-urlencoded", utf8("metadata=x&binary=y")),
        415);
    assertNoFailures();
  }

  @Test
  @Order(5)
  void oversizedUploadsAreRefusedWith413() {
    String name = "hostile-" + suffix;
    byte[] meta = metadata(name, Map.of());
    RawHttp raw = RawHttp.of(platform.apiUrl());
    byte[] start =
        concat(
            utf8("--b\r\n"),
            part("metadata", null, "application/json", meta),
            utf8("\r\n--b\r\n"),
            part("binary", "agent.wasm", "application/wasm", module));
    byte[] end = utf8("\r\n--b--\r\n");
    long binaryBytes = 50L * MIB + 1 - module.length;
    expectRefused(
        "a binary of 50 MiB and a byte",
        raw.exchange(
            uploadHead(raw, "Content-Length: " + (start.length + binaryBytes + end.length)),
            out -> {
              try {
                out.write(start);
                RawHttp.writeRepeated(out, binaryBytes, (byte) 0);
                out.write(end);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }),
        413,
        "binary-too-large");

    expectRefused(
        "an upload declaring 60 MB",
        raw.exchange(uploadHead(raw, "Content-Length: 60000000"), null),
        413,
        "binary-too-large");
    byte[] head =
        utf8(
            "--b\r\nContent-Disposition: form-data; name=\"metadata\"\r\n"
                + "Content-Type: application/json\r\n\r\n"
                + new String(meta, StandardCharsets.UTF_8)
                + "\r\n--b\r\nContent-Disposition: form-data; name=\"binary\";"
                + " filename=\"agent.wasm\"\r\nContent-Type: application/wasm\r\n\r\n");
    expectRefused(
        "an upload streamed past 52 MiB without a length",
        raw.exchange(
            uploadHead(raw, "Transfer-Encoding: chunked"),
            chunked(head, 52L * MIB, (byte) 0, utf8("\r\n--b--\r\n"))),
        413);
    assertNoFailures();
  }

  // ---------------------------------------------------------------------------------------------
  // Oversized headers and bodies

  @Test
  @Order(6)
  void oversizedHeadersAreRefusedBeforeAnythingElse() {
    RawHttp raw = RawHttp.of(platform.apiUrl());
    String big = "X-Padding: " + "a".repeat(64 * 1024);
    Map<String, String> targets = new LinkedHashMap<>();
    targets.put("GET /agents", "GET " + base() + "/agents HTTP/1.1");
    targets.put("POST /users/register", "POST " + base() + "/users/register HTTP/1.1");
    targets.put("POST /tasks", "POST " + base() + "/tasks HTTP/1.1");
    targets.put("GET /tasks/{id}", "GET " + base() + "/tasks/" + agentId + " HTTP/1.1");
    for (Map.Entry<String, String> target : targets.entrySet()) {
      expectHttpLayer(
          target.getKey() + " with a 64 KiB header",
          raw.send(target.getValue(), "Authorization: Bearer " + user.apiKey(), big),
          431);
      expectHttpLayer(
          target.getKey() + " with a 64 KiB Authorization header",
          raw.send(target.getValue(), "Authorization: Bearer agy_" + "a".repeat(64 * 1024)),
          431);
    }
    String[] many = new String[3_000];
    for (int i = 0; i < many.length; i++) {
      many[i] = "X-Header-" + i + ": value-" + i;
    }
    expectHttpLayer(
        "GET /agents with 3000 headers", raw.send("GET " + base() + "/agents HTTP/1.1", many), 431);
    expectHttpLayer(
        "a WebSocket upgrade with a 64 KiB header",
        raw.upgrade(base() + "/events", "Authorization: Bearer " + user.apiKey(), big),
        431);
    expectHttpLayer(
        "a request line of 8 KiB",
        raw.send(
            "GET " + base() + "/agents/" + "a".repeat(8 * 1024) + " HTTP/1.1",
            "Authorization: Bearer " + user.apiKey()),
        414);
    expectHttpLayer(
        "a Content-Length that is not a number",
        raw.send(
            "POST " + base() + "/tasks HTTP/1.1",
            "Authorization: Bearer " + user.apiKey(),
            "Content-Type: application/json",
            "Content-Length: lots"),
        400);
    expectStillServing();
    assertNoFailures();
  }

  @Test
  @Order(7)
  void oversizedBodiesAreRefusedWith413AndNeverExhaustAService() {
    RawHttp raw = RawHttp.of(platform.apiUrl());
    String auth = "Authorization: Bearer " + user.apiKey();
    expectRefused(
        "a task declaring 9 MB",
        raw.exchange(
            raw.head(
                "POST " + base() + "/tasks HTTP/1.1",
                auth,
                "Content-Type: application/json",
                "Content-Length: 9000000"),
            null),
        413,
        "input-too-large");
    expectRefused(
        "a change declaring 60 MB",
        raw.exchange(
            raw.head(
                "PATCH " + base() + "/agents/" + agentId + " HTTP/1.1",
                auth,
                "Content-Type: application/json",
                "Content-Length: 60000000"),
            null),
        413);
    expectRefused(
        "a registration declaring 60 MB",
        raw.exchange(
            raw.head(
                "POST " + base() + "/users/register HTTP/1.1",
                "Content-Type: application/json",
                "Content-Length: 60000000"),
            null),
        413);
    expectRefused(
        "a task with 2 MiB of input",
        user.submit(Map.of("agentId", agentId, "input", "x".repeat(2 * MIB)), "", Map.of()),
        413,
        "input-too-large");
    expectRefused(
        "a task with 9 MiB of input sent without a length",
        raw.exchange(
            raw.head(
                "POST " + base() + "/tasks HTTP/1.1",
                auth,
                "Content-Type: application/json",
                "Transfer-Encoding: chunked"),
            chunked(
                utf8("{\"agentId\":\"" + agentId + "\",\"input\":\""),
                9L * MIB,
                (byte) 'x',
                utf8("\"}"))),
        413,
        "input-too-large");
    // Millions of tiny JSON values: a tree the parser must not build.
    expectRefused(
        "a task of 40 MiB of JSON values sent without a length",
        raw.exchange(
            raw.head(
                "POST " + base() + "/tasks HTTP/1.1",
                auth,
                "Content-Type: application/json",
                "Transfer-Encoding: chunked"),
            chunked(utf8("{\"args\":[0"), 40L * MIB, utf8(",[]"), utf8("]}"))),
        400,
        413);
    expectRefused(
        "a change of 40 MiB of JSON values sent without a length",
        raw.exchange(
            raw.head(
                "PATCH " + base() + "/agents/" + agentId + " HTTP/1.1",
                auth,
                "Content-Type: application/json",
                "Transfer-Encoding: chunked"),
            chunked(utf8("{\"capabilities\":[0"), 40L * MIB, utf8(",{}"), utf8("]}"))),
        400,
        413);
    expectRefused(
        "a registration of 3 MiB of JSON",
        sendJson(
            "POST",
            "/users/register",
            null,
            utf8("{\"username\":\"" + "x".repeat(3 * MIB) + "\"}")),
        413);
    expectRefused(
        "a registration of 300 000 JSON values in 600 KiB",
        sendJson(
            "POST",
            "/users/register",
            null,
            utf8("{\"username\":[" + "1,".repeat(300_000) + "1]}")),
        400);
    expectStillServing();
    assertNoFailures();
  }

  // ---------------------------------------------------------------------------------------------
  // Hostile ids

  @Test
  @Order(8)
  void hostileIdsInEveryIdSegmentNameNothing() {
    List<String> ids =
        List.of(
            "..%2F..%2Fusers%2Fme",
            "..%2F..%2F..%2Fq%2Fhealth",
            "%2e%2e%2f%2e%2e%2finternal%2fagents",
            "..%5C..%5Cusers%5Cme",
            "%252e%252e%252fusers",
            "%00",
            "abc%00def",
            agentId + "%00",
            agentId + "x",
            agentId + "%2F..%2F..%2Fusers%2Fme",
            "%C0%AE%C0%AE%C0%AF",
            "%E2%80%AE" + agentId,
            "%27%20OR%20%271%27%3D%271",
            "null",
            "-1",
            "a".repeat(2_000));
    Map<String, String[]> templates = new LinkedHashMap<>();
    templates.put("DELETE /users/me/api-keys/{id}", new String[] {"DELETE", "/users/me/api-keys/"});
    templates.put("GET /agents/{id}", new String[] {"GET", "/agents/"});
    templates.put("PATCH /agents/{id}", new String[] {"PATCH", "/agents/"});
    templates.put("DELETE /agents/{id}", new String[] {"DELETE", "/agents/"});
    templates.put("GET /agents/{id}/versions", new String[] {"GET", "/agents/", "/versions"});
    templates.put("GET /agents/{id}/binary", new String[] {"GET", "/agents/", "/binary"});
    templates.put("PUT /agents/{id}/rating", new String[] {"PUT", "/agents/", "/rating"});
    templates.put("GET /agents/{id}/stats", new String[] {"GET", "/agents/", "/stats"});
    templates.put("GET /tasks/{id}", new String[] {"GET", "/tasks/"});
    templates.put("DELETE /tasks/{id}", new String[] {"DELETE", "/tasks/"});
    templates.put("GET /tasks/{id}/results", new String[] {"GET", "/tasks/", "/results"});
    templates.put(
        "GET /tasks/{id}/results/stdout", new String[] {"GET", "/tasks/", "/results/stdout"});
    templates.put(
        "GET /tasks/{id}/results/stderr", new String[] {"GET", "/tasks/", "/results/stderr"});
    int requests = 0;
    for (Map.Entry<String, String[]> template : templates.entrySet()) {
      String[] parts = template.getValue();
      String method = parts[0];
      for (String id : ids) {
        String path = parts[1] + id + (parts.length > 2 ? parts[2] : "");
        byte[] body =
            method.equals("PATCH")
                ? utf8("{\"description\":\"taken over\"}")
                : method.equals("PUT") ? utf8("{\"score\":1}") : null;
        HttpResponse<String> response =
            PublicApi.send(
                user.request(path)
                    .header("Content-Type", "application/json")
                    .method(
                        method,
                        body == null
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body)));
        requests++;
        String label = template.getKey() + " with id " + clip(id, 40);
        expectRefused(label, response, 404, 400, 405);
        expectNoOtherRoute(label, response.body());
      }
    }
    for (String id : ids) {
      RawHttp.Response response =
          RawHttp.of(platform.apiUrl())
              .upgrade(
                  base() + "/tasks/" + id + "/events", "Authorization: Bearer " + user.apiKey());
      requests++;
      // The results service refuses with a problem; the gateway's WebSocket tunnel passes the
      // status of a refused upgrade but not its body (see docs/reliability-requests.md).
      expectHttpLayer("WebSocket /tasks/{id}/events with id " + clip(id, 40), response, 404);
    }
    assertEquals((templates.size() + 1) * ids.size(), requests);

    RawHttp raw = RawHttp.of(platform.apiUrl());
    // Dot segments the client did not resolve: never a way out of the public API.
    for (String target :
        List.of(
            base() + "/agents/x/../../../internal/agents/" + agentId,
            base() + "/agents/../../../internal/agents/" + agentId,
            base() + "/tasks/../../../.well-known/jwks.json",
            base() + "/users/../../../auth/token",
            base() + "/agents/%2e%2e/%2e%2e/%2e%2e/internal/agents/" + agentId,
            "/internal/agents/" + agentId,
            "/.well-known/jwks.json")) {
      for (String method : List.of("GET", "POST")) {
        RawHttp.Response response =
            raw.send(
                method + " " + target + " HTTP/1.1",
                "Authorization: Bearer " + user.apiKey(),
                "Content-Type: application/json",
                "Content-Length: 0");
        String label = method + " " + target;
        expectRefused(label, response, 404, 405);
        expectNoOtherRoute(label, response.text());
      }
    }
    expectHttpLayer(
        "an invalid percent-encoding in an id",
        raw.send(
            "GET " + base() + "/agents/%zz HTTP/1.1", "Authorization: Bearer " + user.apiKey()),
        400);

    JsonNode agent = user.getJson("/agents/" + agentId);
    assertEquals("active", agent.path("status").asText(), agent.toString());
    assertEquals(0, agent.path("ratingCount").asInt(), agent.toString());
    assertEquals(
        List.of(keyId), user.getJson("/users/me/api-keys").path("items").findValuesAsText("id"));
    assertNoFailures();
  }

  // ---------------------------------------------------------------------------------------------
  // SQL metacharacters and unicode in queries

  @Test
  @Order(9)
  void searchTextIsMatchedLiterallyWhateverItHolds() {
    String percent = "percent-" + suffix;
    String quote = "quote-" + suffix;
    String unicode = "unicode-" + suffix;
    Set<String> all = Set.of(percent, quote, unicode);
    Map<String, Set<String>> cases = new LinkedHashMap<>();
    cases.put("' OR 1=1 --", Set.of());
    cases.put("'; DROP TABLE agents; --", Set.of());
    cases.put("\" OR \"\"=\"", Set.of());
    cases.put("1) OR (1=1", Set.of());
    cases.put("%ure", Set.of());
    cases.put("p_re", Set.of());
    cases.put("pu%", Set.of(percent));
    cases.put("pure%", Set.of(percent));
    cases.put("pure'--", Set.of(percent));
    cases.put("pure & !text", Set.of(percent));
    cases.put("pure | nothing", Set.of());
    cases.put("pure:*", Set.of(percent));
    cases.put("(pure)", Set.of(percent));
    cases.put("o'reilly", Set.of(quote));
    cases.put("\"hello\"", Set.of(quote));
    cases.put("back\\slash", Set.of(quote));
    cases.put("under_score", Set.of(quote));
    cases.put("café", Set.of(unicode));
    cases.put("CAFÉ NAÏVE", Set.of(unicode));
    cases.put("straße", Set.of(unicode));
    cases.put("text", all);
    cases.put("TEXT.", all);
    cases.put("%", all);
    cases.put("_", all);
    cases.put("\\", all);
    cases.put("'", all);
    cases.put("\"", all);
    cases.put(";", all);
    cases.put("--", all);
    cases.put("😀", all);
    cases.put("\u0000", all);
    cases.put("\u202e", all);
    cases.put(" ", all);
    for (Map.Entry<String, Set<String>> search : cases.entrySet()) {
      String query =
          "/agents/search?capability=hostile-"
              + suffix
              + "&limit=100&q="
              + URLEncoder.encode(search.getKey(), StandardCharsets.UTF_8);
      HttpResponse<String> response = user.get(query);
      if (response.statusCode() != 200) {
        failures.add(
            "search for "
                + search.getKey()
                + ": "
                + response.statusCode()
                + " "
                + clip(response.body(), 300));
        continue;
      }
      Set<String> names = new TreeSet<>();
      PublicApi.read(response.body())
          .path("items")
          .forEach(a -> names.add(a.path("name").asText()));
      if (!names.equals(new TreeSet<>(search.getValue()))) {
        failures.add(
            "search for " + search.getKey() + " found " + names + ", not " + search.getValue());
      }
    }
    expectRefused(
        "a search of 257 characters",
        user.get("/agents/search?q=" + "a".repeat(257)),
        400,
        "invalid-query");
    assertNoFailures();
  }

  @Test
  @Order(10)
  void hostileValuesInEveryOtherQueryParameterAreRefused() {
    String injection = URLEncoder.encode("' OR '1'='1' --", StandardCharsets.UTF_8);
    List<String> refused =
        List.of(
            "/agents?status=" + injection,
            "/agents?capability=" + injection,
            "/agents?owner=" + injection,
            "/agents?sort=" + injection,
            "/agents?sort=name%3BDROP%20TABLE%20agents",
            "/agents?limit=" + injection,
            "/agents?limit=1e3",
            "/agents?limit=-1",
            "/agents?cursor=" + injection,
            "/agents?sort=name&cursor=" + cursor("c1\nname\na\u0000b\n" + agentId),
            "/agents?sort=rating&cursor=" + cursor("c1\nrating\n1E+2147483647\n" + agentId),
            "/agents?sort=rating&cursor=" + cursor("c1\nrating\n1E-20000\n" + agentId),
            "/agents?cursor=" + cursor("c1\ncreatedAt\n99999999999999999999\n" + agentId),
            "/agents/search?maxPrice=" + injection,
            "/agents/search?maxPrice=1E%2B2147483647",
            "/agents/search?maxPrice=1E-20000",
            "/agents/search?maxPrice=NaN",
            "/agents/search?maxPrice=Infinity",
            "/agents/search?maxPrice=-1",
            "/agents/search?minRating=1E-20000",
            "/agents/search?minRating=6",
            "/agents/search?capability=" + injection,
            "/agents/search?q=x&cursor=" + cursor("c1\nrelevance\nNaN\n" + agentId),
            "/agents/" + agentId + "/versions?limit=" + injection,
            "/agents/"
                + agentId
                + "/versions?cursor="
                + cursor("c1\nversion\na\u0000b\n" + agentId),
            "/tasks?status=" + injection,
            "/tasks?agentId=" + injection,
            "/tasks?limit=" + injection,
            "/tasks?cursor=" + injection,
            "/tasks?cursor=" + cursor("r1\ntasks\n1e3\n" + agentId),
            "/tasks/results?status=" + injection,
            "/tasks/results?status=RUNNING",
            "/tasks/results?agentId=" + injection,
            "/tasks/results?since=" + injection,
            "/tasks/results?until=2026-01-01T00:00:00Z%27%20OR%201%3D1",
            "/tasks/results?since=2026-13-45T99:99:99Z",
            "/tasks/results?cursor=" + cursor("r1\ntasks\n0\n" + agentId));
    for (String path : refused) {
      expectRefused(path, user.get(path), 400);
    }
    List<String> answered =
        List.of(
            "/agents?cursor=" + cursor("c1\ncreatedAt\n-9223372036854775808\n" + agentId),
            "/agents?cursor=" + cursor("c1\ncreatedAt\n9223372036854775807\n" + agentId),
            "/tasks?cursor=" + cursor("r1\ntasks\n-9223372036854775808\n" + agentId),
            "/tasks/results?cursor=" + cursor("r1\nresults\n9223372036854775807\n" + agentId),
            "/tasks/results?since=%2B999999999-12-31T23:59:59Z",
            "/tasks/results?until=-999999999-01-01T00:00:00Z",
            "/agents/search?maxPrice=0.000000000000000000000000000001",
            "/agents/search?maxPrice=-0");
    for (String path : answered) {
      HttpResponse<String> response = user.get(path);
      if (response.statusCode() != 200) {
        failures.add(path + ": " + response.statusCode() + " " + clip(response.body(), 300));
      }
    }
    // Sent as raw bytes: an HTTP client library would refuse or rewrite some of them.
    RawHttp raw = RawHttp.of(platform.apiUrl());
    byte[] task = utf8("{\"agentId\":\"" + agentId + "\"}");
    for (String key :
        List.of("' OR 1=1 --", "x".repeat(256), "caf\u00e9", "tab\there", "a;DROP TABLE x")) {
      expectRefused(
          "Idempotency-Key " + clip(key, 20),
          raw.exchange(
              raw.head(
                  "POST " + base() + "/tasks HTTP/1.1",
                  "Authorization: Bearer " + user.apiKey(),
                  "Content-Type: application/json",
                  "Idempotency-Key: " + key,
                  "Content-Length: " + task.length),
              out -> {
                try {
                  out.write(task);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              }),
          400,
          "invalid-task");
    }
    assertNoFailures();
  }

  // ---------------------------------------------------------------------------------------------
  // Afterwards

  @Test
  @Order(11)
  void theRefusedRequestsLeftNothingBehind() {
    JsonNode agents = user.getJson("/agents?owner=" + user.userId() + "&limit=100");
    Set<String> names = new TreeSet<>();
    agents.path("items").forEach(agent -> names.add(agent.path("name").asText()));
    assertEquals(
        new TreeSet<>(
            Set.of(
                "target-" + suffix, "percent-" + suffix, "quote-" + suffix, "unicode-" + suffix)),
        names,
        "only the agents this test uploaded on purpose");

    JsonNode agent = user.getJson("/agents/" + agentId);
    assertEquals("active", agent.path("status").asText());
    assertEquals(
        "target-" + suffix + " for the end-to-end tests", agent.path("description").asText());

    refusedUsernames.add("hostile-" + suffix);
    for (String username : refusedUsernames) {
      HttpResponse<String> login =
          PublicApi.send(
              HttpRequest.newBuilder(URI.create(platform.apiUrl() + "/users/login"))
                  .header("Content-Type", "application/json")
                  .POST(
                      PublicApi.body(
                          Map.of("username", username, "password", PublicApi.PASSWORD))));
      assertEquals(401, login.statusCode(), "user " + username + " exists: " + login.body());
    }

    // No task was accepted: after a task that is, the list holds that one alone.
    String sentinel = user.accepted(Map.of("agentId", agentId));
    user.awaitTerminal(sentinel, TIMEOUT);
    JsonNode tasks = user.getJson("/tasks?limit=100");
    assertEquals(List.of(sentinel), tasks.path("items").findValuesAsText("taskId"));
    assertEquals(1, user.getJson("/tasks/results?limit=100").path("items").size());
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  private void uploadWith(String name, String description) {
    HttpResponse<String> response =
        upload(
            metadata(
                name,
                Map.of("description", description, "capabilities", List.of("hostile-" + suffix))),
            binary(module));
    assertEquals(201, response.statusCode(), response.body());
  }

  /** Metadata for an upload named {@code name}, with the fields of {@code overrides} set. */
  private static byte[] metadata(String name, Map<String, Object> overrides) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("name", name);
    fields.put("version", "1.0.0");
    fields.put("description", name + " for the end-to-end tests");
    fields.putAll(overrides);
    return utf8(json(fields));
  }

  private static byte[] part(String name, String filename, String type, byte[] content) {
    ByteArrayOutputStream part = new ByteArrayOutputStream();
    part.writeBytes(
        utf8(
            "Content-Disposition: form-data; name=\""
                + name
                + "\""
                + (filename == null ? "" : "; filename=\"" + filename + "\"")
                + "\r\n"
                + (type == null ? "" : "Content-Type: " + type + "\r\n")
                + "\r\n"));
    part.writeBytes(content);
    return part.toByteArray();
  }

  private static byte[] binary(byte[] wasm) {
    return part("binary", "agent.wasm", "application/wasm", wasm);
  }

  /** A multipart body of whole parts (a metadata JSON text becomes a JSON field part). */
  private static byte[] multipart(String boundary, byte[]... parts) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      body.writeBytes(utf8("--" + boundary + "\r\n"));
      body.writeBytes(isPart(part) ? part : part("metadata", null, "application/json", part));
      body.writeBytes(utf8("\r\n"));
    }
    body.writeBytes(utf8("--" + boundary + "--\r\n"));
    return body.toByteArray();
  }

  private static byte[] multipartOf(byte[]... parts) {
    return multipart("hostile-boundary", parts);
  }

  private static boolean isPart(byte[] bytes) {
    return new String(bytes, 0, Math.min(bytes.length, 20), StandardCharsets.ISO_8859_1)
        .startsWith("Content-Disposition");
  }

  private HttpResponse<String> upload(byte[]... parts) {
    return sendUpload(null, multipartOf(parts));
  }

  private HttpResponse<String> sendUpload(String contentType, byte[] body) {
    return PublicApi.send(
        user.request("/agents")
            .header(
                "Content-Type",
                contentType == null
                    ? "multipart/form-data; boundary=hostile-boundary"
                    : contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  private JsonEndpoint jsonEndpoint(String name) {
    return jsonEndpoints().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
  }

  private HttpResponse<String> send(JsonEndpoint endpoint, String contentType, byte[] body) {
    return sendJson(endpoint.method(), endpoint.path(), endpoint.caller(), body, contentType);
  }

  private HttpResponse<String> sendJson(String method, String path, PublicApi caller, byte[] body) {
    return sendJson(method, path, caller, body, "application/json");
  }

  private HttpResponse<String> sendJson(
      String method, String path, PublicApi caller, byte[] body, String contentType) {
    HttpRequest.Builder request =
        caller == null
            ? HttpRequest.newBuilder(URI.create(platform.apiUrl() + path)).timeout(TIMEOUT)
            : caller.request(path);
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return PublicApi.send(request.method(method, HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  /** The valid body with one text field's value replaced by raw bytes (inside the quotes). */
  private static byte[] withField(JsonEndpoint endpoint, byte[] raw) {
    String field =
        endpoint.valid().entrySet().stream()
            .filter(entry -> entry.getValue() instanceof String)
            .map(Map.Entry::getKey)
            .reduce((first, second) -> second)
            .orElse("note");
    Map<String, Object> fields = new LinkedHashMap<>(endpoint.valid());
    fields.put(field, "@@RAW@@");
    String[] around = json(fields).split("@@RAW@@", 2);
    return concat(utf8(around[0]), raw, utf8(around[1]));
  }

  /** The valid body with one field's value replaced by the JSON text {@code value}. */
  private static byte[] replace(JsonEndpoint endpoint, String field, String value) {
    Map<String, Object> fields = new LinkedHashMap<>(endpoint.valid());
    fields.put(field, "@@VALUE@@");
    return utf8(json(fields).replace("\"@@VALUE@@\"", value));
  }

  /** A value of the wrong JSON type for the field: a number for text, text for anything else. */
  private static String wrongType(JsonEndpoint endpoint, String field) {
    return endpoint.valid().get(field) instanceof String ? "12345678" : "\"12345678\"";
  }

  private static String cursor(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes {@code head}, then {@code total} bytes of {@code fill} and {@code tail}, chunked. */
  private static Consumer<OutputStream> chunked(byte[] head, long total, byte fill, byte[] tail) {
    return chunked(head, total, new byte[] {fill}, tail);
  }

  private static Consumer<OutputStream> chunked(byte[] head, long total, byte[] fill, byte[] tail) {
    return out -> {
      RawHttp.writeChunk(out, head);
      byte[] chunk = new byte[(64 * 1024 / fill.length) * fill.length];
      for (int i = 0; i < chunk.length; i++) {
        chunk[i] = fill[i % fill.length];
      }
      for (long sent = 0; sent < total; sent += chunk.length) {
        RawHttp.writeChunk(out, chunk);
      }
      RawHttp.writeChunk(out, tail);
      RawHttp.endChunks(out);
      try {
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  private void expectRefused(String label, HttpResponse<String> response, Object... allowed) {
    expect(
        label,
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(null),
        response.body(),
        allowed);
  }

  private void expectRefused(String label, RawHttp.Response response, Object... allowed) {
    expect(label, response.status(), response.header("Content-Type"), response.text(), allowed);
  }

  /**
   * The status is one of the allowed ones (integers), the problem's type one of the allowed slugs
   * (strings) if any are given, and any error is a proper problem. Failures are collected.
   */
  private void expect(
      String label, int status, String contentType, String body, Object... allowed) {
    Set<Integer> statuses = new TreeSet<>();
    Set<String> slugs = new TreeSet<>();
    for (Object value : allowed) {
      if (value instanceof Integer code) {
        statuses.add(code);
      } else {
        slugs.add((String) value);
      }
    }
    if (!statuses.contains(status)) {
      failures.add(label + ": expected " + statuses + ", got " + status + " " + clip(body, 300));
      return;
    }
    if (status >= 400) {
      String defect = Problems.defect(status, contentType, body);
      if (defect != null) {
        failures.add(label + ": " + defect);
      } else if (!slugs.isEmpty() && !slugs.contains(Problems.slug(body))) {
        failures.add(label + ": problem type " + Problems.slug(body) + ", not one of " + slugs);
      }
    }
  }

  /**
   * A refusal by the HTTP layer itself, before any route sees the request (a header section, a
   * request line or a Content-Length it cannot read), or a WebSocket upgrade refused behind the
   * gateway's tunnel, which passes the status only: the status is exact; a body, if any, is a
   * problem.
   */
  private void expectHttpLayer(String label, RawHttp.Response response, int expected) {
    if (response.status() != expected) {
      failures.add(
          label
              + ": expected "
              + expected
              + ", got "
              + response.status()
              + " "
              + clip(response.text(), 200));
    } else if (response.body().length > 0) {
      String defect = Problems.defect(expected, response.header("Content-Type"), response.text());
      if (defect != null) {
        failures.add(label + ": " + defect);
      }
    }
  }

  /** No body of a refusal may be the answer of another route. */
  private void expectNoOtherRoute(String label, String body) {
    for (String marker :
        List.of(
            "\"username\"",
            "\"items\"",
            "\"keys\"",
            "\"UP\"",
            "openapi",
            "\"apiKey\"",
            "\"token\"")) {
      if (body != null && body.contains(marker)) {
        failures.add(label + ": the answer looks like another route's: " + clip(body, 200));
      }
    }
  }

  private void expectStillServing() {
    HttpResponse<String> me = user.get("/users/me");
    if (me.statusCode() != 200) {
      failures.add("afterwards GET /users/me answered " + me.statusCode());
    }
    HttpResponse<String> tasks = user.get("/tasks");
    if (tasks.statusCode() != 200) {
      failures.add("afterwards GET /tasks answered " + tasks.statusCode());
    }
  }

  private void assertNoFailures() {
    List<String> found = List.copyOf(failures);
    failures.clear();
    assertEquals(List.of(), found, found.size() + " hostile requests were not refused properly");
  }

  private String base() {
    return URI.create(platform.apiUrl()).getPath();
  }

  private static String json(Object value) {
    try {
      return PublicApi.JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static String clip(String text, int length) {
    return text == null || text.length() <= length ? text : text.substring(0, length) + "...";
  }

  private static String letters(int count) {
    StringBuilder letters = new StringBuilder();
    for (int i = 0; i < count; i++) {
      letters.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
    }
    return letters.toString();
  }

  /** The head of a multipart upload (boundary {@code b}) with one more header. */
  private String uploadHead(RawHttp raw, String lengthHeader) {
    return raw.head(
        "POST " + base() + "/agents HTTP/1.1",
        "Authorization: Bearer " + user.apiKey(),
        "Content-Type: multipart/form-data; boundary=b",
        lengthHeader);
  }
}
