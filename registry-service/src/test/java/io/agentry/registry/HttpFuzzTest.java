package io.agentry.registry;

import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentry.localstack.LocalStackTestResource;
import io.agentry.registry.TestUsers.TestUser;
import io.agentry.registry.config.RegistryConfig;
import io.agentry.registry.fuzz.BodyDictionary;
import io.agentry.registry.fuzz.SeedModules;
import io.agentry.registry.fuzz.WasmEdit;
import io.agentry.registry.wasm.WasmModules;
import io.agentry.wire.BinaryKeys;
import io.agentry.wire.fuzz.ByteEdit;
import io.agentry.wire.fuzz.FuzzScale;
import io.agentry.wire.fuzz.JsonEdit;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Hostile requests over HTTP, against the real PostgreSQL, Kafka and S3 store: mutated multipart
 * uploads (metadata, module, part headers and framing) and mutated JSON bodies for register, login,
 * PATCH and rating. No answer may be a 5xx; every 4xx is problem+json naming its status; and a
 * refused upload leaves no agent row and no binary behind (the rows and the bucket are compared
 * before and after). The requests come from a fixed seed ({@code -Dagentry.fuzz.seed} picks
 * another); their number scales with {@code -Dagentry.fuzz.scale}.
 */
@QuarkusTest
@WithTestResource(
    value = LocalStackTestResource.class,
    initArgs = {
      @ResourceArg(name = "components", value = "postgres,kafka,s3"),
      @ResourceArg(name = "database", value = "registry")
    })
class HttpFuzzTest {

  private static final int UPLOADS = 2000;
  private static final int JSON_BODIES = 1500;
  private static final int QUERIES = 500;
  private static final String SEED_PROPERTY = "agentry.fuzz.seed";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final RestAssuredConfig TIMEOUTS =
      RestAssuredConfig.config()
          .httpClient(
              HttpClientConfig.httpClientConfig()
                  .setParam("http.connection.timeout", 10_000)
                  .setParam("http.socket.timeout", 60_000));

  @Inject Pool pool;
  @Inject S3Client s3;
  @Inject RegistryConfig config;

  private final List<byte[]> modules = SeedModules.all();
  private final List<List<WasmEdit.Section>> moduleSections =
      modules.stream().map(WasmEdit::sections).toList();

  @Test
  void mutatedUploadsAreAnsweredWithoutServerErrorsAndLeaveNothingBehind() {
    long seed = Long.getLong(SEED_PROPERTY, 20_251_125L);
    SplittableRandom random = new SplittableRandom(seed);
    TestUser user = TestUsers.register();
    Set<String> keysBefore = binaryKeys();
    Set<String> acceptedKeys = new HashSet<>();
    int uploads = FuzzScale.scaled(UPLOADS, FuzzScale.scale());
    int accepted = 0;
    TreeMap<Integer, Integer> statuses = new TreeMap<>();
    for (int i = 0; i < uploads; i++) {
      Upload upload = upload(random, i);
      Response response =
          send(
              user.request().contentType(upload.contentType()).body(upload.body()),
              "POST",
              "/agents",
              upload.describe(seed, i));
      statuses.merge(response.statusCode(), 1, Integer::sum);
      if (response.statusCode() == 201) {
        accepted++;
        acceptedKeys.add(BinaryKeys.forHash(response.jsonPath().getString("binaryHash")));
      }
    }
    System.out.println(
        uploads + " fuzzed uploads (seed " + seed + "), answers by status: " + statuses);
    assertEquals(accepted, agentRows(user), "agent rows of the fuzzing user, seed " + seed);
    Set<String> added = new HashSet<>(binaryKeys());
    added.removeAll(keysBefore);
    added.removeAll(acceptedKeys);
    assertEquals(Set.of(), added, "binaries stored by refused uploads, seed " + seed);
    assertTrue(binaryKeys().containsAll(acceptedKeys), "binaries of accepted uploads");
  }

  @Test
  void mutatedJsonBodiesAreAnsweredWithoutServerErrors() {
    long seed = Long.getLong(SEED_PROPERTY, 20_251_125L) + 1;
    SplittableRandom random = new SplittableRandom(seed);
    TestUser owner = TestUsers.register();
    TestUser rater = TestUsers.register();
    String own = TestAgents.create(owner, TestAgents.metadata("patched by the fuzzer"));
    String other = TestAgents.create(rater, TestAgents.metadata("rated by the fuzzer"));
    TestRuns.ran(owner, other, pool);
    List<Endpoint> endpoints =
        List.of(
            new Endpoint("POST", "/users/register", null, validCredentials(random)),
            new Endpoint("POST", "/users/login", null, validCredentials(random)),
            new Endpoint(
                "PATCH",
                "/agents/" + own,
                owner,
                "{\"description\":\"d\",\"capabilities\":[\"a:b\"],\"price\":1.5,"
                    + "\"status\":\"active\"}"),
            new Endpoint("PUT", "/agents/" + other + "/rating", owner, "{\"score\":4}"));
    int bodies = FuzzScale.scaled(JSON_BODIES, FuzzScale.scale());
    TreeMap<Integer, Integer> statuses = new TreeMap<>();
    for (int i = 0; i < bodies; i++) {
      Endpoint endpoint = endpoints.get(random.nextInt(endpoints.size()));
      byte[] body = mutatedJson(random, utf8(endpoint.validBody()));
      String contentType = pick(random, JSON_CONTENT_TYPES);
      RequestSpecification request =
          endpoint.caller() == null
              ? given().header("X-Forwarded-For", clientAddress(i))
              : endpoint.caller().request();
      String description =
          describe(endpoint.method() + " " + endpoint.path(), contentType, body, seed, i);
      Response response =
          send(
              request.contentType(contentType).body(body),
              endpoint.method(),
              endpoint.path(),
              description);
      statuses.merge(response.statusCode(), 1, Integer::sum);
    }
    System.out.println(
        bodies + " fuzzed JSON bodies (seed " + seed + "), answers by status: " + statuses);
  }

  /**
   * Cursors hand-made with hostile sort keys (NUL, huge or far numbers, dates beyond what the
   * database holds) and other query values, for the lists, search and versions.
   */
  @Test
  void hostileQueriesAreAnsweredWithoutServerErrors() {
    long seed = Long.getLong(SEED_PROPERTY, 20_251_125L) + 2;
    SplittableRandom random = new SplittableRandom(seed);
    TestUser user = TestUsers.register();
    String agent = TestAgents.create(user, TestAgents.metadata("listed"));
    List<String> keys =
        List.of(
            "",
            "\u0000",
            "a\u0000b",
            "x".repeat(256),
            "0",
            "-1",
            "1E999999999",
            "-1E-999999999",
            "99999999999999999999999999999999",
            "9223372036854775807",
            "-9223372036854775808",
            "253402300800000000",
            "-62135596800000001",
            "NaN",
            "Infinity",
            "3.4028235E38",
            "0x1p3",
            "5.5",
            "é🚀");
    List<String> sorts =
        List.of("createdAt", "rating", "tasksCompleted", "name", "relevance", "version");
    List<String> values =
        List.of("", "0", "-1", "101", "1E999999999", "abc", "\u0000", "%00", "a:b", "disabled");
    int queries = FuzzScale.scaled(QUERIES, FuzzScale.scale());
    TreeMap<Integer, Integer> statuses = new TreeMap<>();
    for (int i = 0; i < queries; i++) {
      String sort = pick(random, sorts);
      String cursor =
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(
                  utf8(
                      "c1\n"
                          + sort
                          + "\n"
                          + pick(random, keys)
                          + "\n"
                          + java.util.UUID.randomUUID()));
      RequestSpecification request = user.request().queryParam("cursor", cursor);
      String path;
      switch (random.nextInt(3)) {
        case 0 -> {
          path = "/agents";
          request.queryParam("sort", sort);
        }
        case 1 -> {
          path = "/agents/search";
          request.queryParam("q", pick(random, List.of("agent", "a b", "\u0000", "x:*")));
          request.queryParam("maxPrice", pick(random, values));
          request.queryParam("minRating", pick(random, values));
        }
        default -> path = "/agents/" + agent + "/versions";
      }
      request.queryParam("limit", pick(random, values));
      if (random.nextBoolean()) {
        request.queryParam("capability", pick(random, values));
      }
      Response response =
          send(
              request,
              "GET",
              path,
              "GET " + path + " with cursor " + cursor + " (seed " + seed + ", request " + i + ")");
      statuses.merge(response.statusCode(), 1, Integer::sum);
    }
    System.out.println(
        queries + " fuzzed queries (seed " + seed + "), answers by status: " + statuses);
  }

  // Uploads

  private record Upload(String contentType, byte[] body, String what) {
    String describe(long seed, int index) {
      return HttpFuzzTest.describe("upload " + what, contentType, body, seed, index);
    }
  }

  private Upload upload(SplittableRandom random, int index) {
    String boundary = "fz" + Long.toHexString(random.nextLong());
    byte[] metadata = metadata(random, index);
    byte[] module = module(random, index);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    List<String> what = new ArrayList<>();
    int shape = random.nextInt(10);
    if (shape != 0) {
      part(body, boundary, metadataHeaders(random, what), metadata);
    } else {
      what.add("no metadata part");
    }
    if (shape != 1) {
      part(body, boundary, binaryHeaders(random, what), module);
    } else {
      what.add("no binary part");
    }
    if (shape == 2) {
      part(body, boundary, metadataHeaders(random, what), metadata);
      what.add("two metadata parts");
    }
    if (shape == 3) {
      part(body, boundary, "Content-Disposition: form-data; name=\"extra\"\r\n", utf8("x"));
      what.add("an extra part");
    }
    body.writeBytes(utf8("--" + boundary + "--\r\n"));
    byte[] bytes = body.toByteArray();
    if (random.nextInt(8) == 0) {
      ByteEdit edit = byteEdit(random);
      bytes = edit.apply(bytes, MULTIPART_TOKENS);
      what.add("framing " + edit);
    }
    String contentType = "multipart/form-data; boundary=" + boundary;
    switch (random.nextInt(20)) {
      case 0 -> contentType = "multipart/form-data";
      case 1 -> contentType = "multipart/form-data; boundary=\"" + boundary + "x\"";
      case 2 -> contentType = "multipart/mixed; boundary=" + boundary;
      case 3 -> contentType = "multipart/form-data; boundary=" + boundary + "; charset=nope";
      default -> {}
    }
    return new Upload(contentType, bytes, String.join(", ", what));
  }

  private byte[] metadata(SplittableRandom random, int index) {
    byte[] valid =
        utf8(
            "{\"name\":\"fz-"
                + index
                + "\",\"description\":\"fuzzed\",\"version\":\"1.0."
                + index
                + "\",\"capabilities\":[\"text:fuzz\"],\"price\":1.25}");
    return random.nextInt(5) < 3 ? valid : mutatedJson(random, valid);
  }

  private byte[] module(SplittableRandom random, int index) {
    switch (random.nextInt(5)) {
      case 0:
        return WasmModules.valid("fz-" + index + "-" + random.nextLong(), 128);
      case 1:
        {
          byte[] module = modules.get(random.nextInt(modules.size()));
          for (int e = 1 + random.nextInt(3); e > 0; e--) {
            module = byteEdit(random).apply(module, WasmEdit.TOKENS);
          }
          return module;
        }
      default:
        {
          List<WasmEdit.Section> sections =
              moduleSections.get(random.nextInt(moduleSections.size()));
          WasmEdit edit =
              new WasmEdit(
                  WasmEdit.Kind.values()[random.nextInt(WasmEdit.Kind.values().length)],
                  random.nextInt(256),
                  random.nextInt(4096),
                  byteEdit(random));
          return edit.apply(sections);
        }
    }
  }

  /** One way a part's headers can be odd: what follows its name, and what the upload notes. */
  private record OddHeaders(String headers, String what) {}

  private static final List<OddHeaders> ODD_METADATA_HEADERS =
      List.of(
          new OddHeaders(
              "; filename=\"metadata.json\"\r\nContent-Type: application/json",
              "metadata as a file"),
          new OddHeaders(
              "\r\nContent-Type: application/json; charset=utf-16", "metadata in utf-16"),
          new OddHeaders(
              "\r\nContent-Type: text/plain; charset=no-such-charset",
              "metadata with an unknown charset"),
          new OddHeaders(
              "; filename=\"m.json\"\r\nContent-Type: application/octet-stream",
              "metadata as a binary file"));

  private static final List<OddHeaders> ODD_BINARY_HEADERS =
      List.of(
          new OddHeaders("\r\nContent-Type: application/wasm", "binary without a filename"),
          new OddHeaders("\r\nContent-Type: text/plain", "binary as a field"),
          new OddHeaders("; filename=\"a.wasm\"", "binary without a Content-Type"),
          new OddHeaders(
              "; filename=\"../../etc/passwd\"\r\nContent-Type: application/wasm",
              "binary with a path as filename"));

  private static String metadataHeaders(SplittableRandom random, List<String> what) {
    return partHeaders(
        random, what, "metadata", ODD_METADATA_HEADERS, "\r\nContent-Type: application/json");
  }

  private static String binaryHeaders(SplittableRandom random, List<String> what) {
    return partHeaders(
        random,
        what,
        "binary",
        ODD_BINARY_HEADERS,
        "; filename=\"agent.wasm\"\r\nContent-Type: application/wasm");
  }

  /**
   * The headers of the part {@code name}: one time in 20 with the name capitalized, and one time in
   * 16 each with one of the {@code odd} headers (noted in {@code what}), else the usual ones.
   */
  private static String partHeaders(
      SplittableRandom random, List<String> what, String name, List<OddHeaders> odd, String usual) {
    String partName =
        random.nextInt(20) == 0 ? Character.toUpperCase(name.charAt(0)) + name.substring(1) : name;
    String headers = "Content-Disposition: form-data; name=\"" + partName + "\"";
    int pick = random.nextInt(16);
    if (pick < odd.size()) {
      headers += odd.get(pick).headers();
      what.add(odd.get(pick).what());
    } else {
      headers += usual;
    }
    return headers + "\r\n";
  }

  private static void part(
      ByteArrayOutputStream body, String boundary, String headers, byte[] content) {
    body.writeBytes(utf8("--" + boundary + "\r\n" + headers + "\r\n"));
    body.writeBytes(content);
    body.writeBytes(utf8("\r\n"));
  }

  // JSON bodies

  private record Endpoint(String method, String path, TestUser caller, String validBody) {}

  private static final List<String> JSON_CONTENT_TYPES =
      List.of(
          "application/json",
          "application/json",
          "application/json",
          "application/json; charset=utf-8",
          "application/json; charset=utf-16",
          "application/json; charset=no-such-charset",
          "text/plain",
          "application/problem+json");

  private static final List<byte[]> JSON_TOKENS =
      List.of(
          utf8("{"),
          utf8("}"),
          utf8("["),
          utf8("\""),
          utf8(":"),
          utf8(","),
          utf8("\\"),
          utf8("\\u0000"),
          utf8("\\ud800"),
          utf8("null"),
          utf8("1E9999999999"),
          utf8("-1e-400"),
          utf8("1".repeat(1200)),
          utf8("[".repeat(1100)),
          ByteEdit.bytes(0x00),
          ByteEdit.bytes(0xFF),
          ByteEdit.bytes(0xC0, 0xAF),
          ByteEdit.bytes(0xEF, 0xBB, 0xBF));

  private static final List<byte[]> MULTIPART_TOKENS =
      List.of(
          utf8("\r\n"),
          utf8("--"),
          utf8("\r\n\r\n"),
          utf8("Content-Disposition: form-data; name=\"binary\"\r\n"),
          utf8("Content-Type: application/wasm\r\n"),
          utf8("; filename=\"x\""),
          utf8("\""),
          ByteEdit.bytes(0x00),
          ByteEdit.bytes(0xFF));

  private static String validCredentials(SplittableRandom random) {
    return "{\"username\":\"fz-"
        + Long.toHexString(random.nextLong())
        + "\",\"password\":\"correct horse battery\"}";
  }

  private static byte[] mutatedJson(SplittableRandom random, byte[] valid) {
    byte[] body;
    if (random.nextInt(3) == 0) {
      body = valid;
      for (int e = 1 + random.nextInt(3); e > 0; e--) {
        body = byteEdit(random).apply(body, JSON_TOKENS);
      }
      return body;
    }
    JsonEdit.Node tree = JsonEdit.Node.of(valid);
    for (int e = 1 + random.nextInt(3); e > 0; e--) {
      JsonEdit.random(random).apply(tree, BodyDictionary.VALUES, BodyDictionary.NAMES);
    }
    return tree.write();
  }

  /** A byte edit at a position below 2^16 ({@link ByteEdit#random} also draws 2^16 itself). */
  private static ByteEdit byteEdit(SplittableRandom random) {
    return new ByteEdit(
        ByteEdit.Kind.values()[random.nextInt(ByteEdit.Kind.values().length)],
        random.nextInt(1 << 16),
        random.nextInt(256),
        1 + random.nextInt(64));
  }

  // Checks

  /** A request as a failure names it: what it is, its Content-Type, its body, seed and index. */
  private static String describe(
      String request, String contentType, byte[] body, long seed, int index) {
    return request
        + " as "
        + contentType
        + ", body base64 "
        + Base64.getEncoder().encodeToString(body)
        + " (seed "
        + seed
        + ", request "
        + index
        + ")";
  }

  /**
   * Registration and login are throttled per client address: each anonymous request comes from an
   * address of its own (X-Forwarded-For, which the registry trusts from loopback), so that the
   * fuzzing neither runs into the limits nor uses up those of the other tests.
   */
  private static String clientAddress(int request) {
    return "172."
        + (16 + (request >> 16 & 15))
        + "."
        + (request >> 8 & 0xff)
        + "."
        + (request & 0xff);
  }

  /** Sends the request and checks the answer: below 500, and problem+json naming its status. */
  private static Response send(
      RequestSpecification request, String method, String path, String description) {
    Response response;
    try {
      response = request.config(TIMEOUTS).request(method, path);
    } catch (RuntimeException e) {
      fail("no answer to " + description, e);
      return null;
    }
    int status = response.statusCode();
    assertTrue(status < 500, () -> status + " " + response.asString() + " for " + description);
    if (status >= 400) {
      String type = String.valueOf(response.contentType());
      assertTrue(
          type.startsWith("application/problem+json"),
          () -> status + " as " + type + " for " + description);
      JsonNode problem = parse(response.asByteArray(), description);
      assertEquals(status, problem.path("status").asInt(), () -> "status field: " + description);
      assertTrue(
          problem.path("type").asText().startsWith("/problems/"),
          () -> "type field: " + description);
    }
    return response;
  }

  private static JsonNode parse(byte[] body, String description) {
    try {
      return JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw new AssertionError("the problem body is not JSON, for " + description, e);
    }
  }

  private long agentRows(TestUser user) {
    return pool.preparedQuery("SELECT count(*) AS n FROM agents WHERE owner_id = $1")
        .execute(Tuple.of(user.id()))
        .await()
        .indefinitely()
        .iterator()
        .next()
        .getLong("n");
  }

  private Set<String> binaryKeys() {
    Set<String> keys = new HashSet<>();
    s3.listObjectsV2Paginator(b -> b.bucket(config.storage().bucket()))
        .contents()
        .forEach((S3Object object) -> keys.add(object.key()));
    return keys;
  }

  private static <T> T pick(SplittableRandom random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(UTF_8);
  }
}
