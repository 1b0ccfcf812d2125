package io.agentry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.wabt.Wat2Wasm;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentry.client.AgentryClient;
import io.agentry.e2e.Platform;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command-line client against the running platform (the e2e module's), through the public API
 * only. Lives in the client's package to call its entry point without a new JVM. Each user's
 * profile lives in a temporary configuration folder ({@code XDG_CONFIG_HOME}).
 */
class CliE2ETest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "correct-horse-battery";
  private static final String PRETTY = "../samples/json-pretty/json-pretty.wasm";

  private final String apiUrl = Platform.get().apiUrl();

  @TempDir Path config;

  private record Run(int exit, String out, String err) {
    JsonNode json() throws Exception {
      return JSON.readTree(out);
    }
  }

  private Run cli(Map<String, String> env, String... argv) {
    return cliWithInput(env, "", argv);
  }

  private Run cliWithInput(Map<String, String> env, String stdin, String... argv) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Map<String, String> withConfig = new HashMap<>(env);
    withConfig.putIfAbsent("XDG_CONFIG_HOME", config.toString());
    int exit =
        Main.run(
            List.of(argv),
            withConfig,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            false);
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** A new user's environment: the platform's URL and the user's API key. */
  private Map<String, String> newUser(String prefix) {
    String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    String key = AgentryClient.of(apiUrl).register(username, PASSWORD).apiKey();
    return Map.of("AGENTRY_URL", apiUrl, "AGENTRY_API_KEY", key, "USER", username);
  }

  private static String unique(String prefix) {
    return prefix + "-" + ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L);
  }

  @Test
  void theDemoRegistersUploadsRunsAndPrintsTheResult() {
    Run demo = cli(Map.of("AGENTRY_URL", apiUrl), "demo", "--samples", "../samples");
    assertEquals(0, demo.exit(), demo.out() + demo.err());
    assertTrue(demo.out().contains("{\"lines\":3,\"words\":"), demo.out());
    assertTrue(demo.err().contains("RUNNING"), demo.err());
    assertTrue(demo.err().contains("== SUCCEEDED, exit code 0"), demo.err());
  }

  @Test
  void registerLoginAndLogoutKeepTheProfileInTheConfigFolder() throws Exception {
    String username = "profile-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> env = Map.of("AGENTRY_URL", apiUrl);
    Path profile = config.resolve("agentry").resolve("profile.properties");

    Run register = cliWithInput(env, PASSWORD + "\n", "register", username, "--password-stdin");
    assertEquals(0, register.exit(), register.err());
    assertTrue(Files.isRegularFile(profile), register.out());
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(profile)));
    Run whoami = cli(Map.of(), "whoami", "--json");
    assertEquals(0, whoami.exit(), whoami.err());
    assertEquals(username, whoami.json().path("username").asText());
    String registrationKey = read(profile, "credential");

    assertEquals(0, cli(Map.of(), "logout").exit());
    assertFalse(Files.exists(profile));
    Run anonymous = cli(Map.of(), "whoami");
    assertEquals(1, anonymous.exit());
    assertTrue(anonymous.err().contains("agentry login"), anonymous.err());

    Run login = cliWithInput(env, PASSWORD + "\n", "login", username, "--password-stdin");
    assertEquals(0, login.exit(), login.err());
    String loginKey = read(profile, "credential");
    assertFalse(loginKey.equals(registrationKey));
    Run keys = cli(Map.of(), "keys", "list", "-o", "json");
    assertEquals(2, keys.json().path("items").size(), keys.out());

    Run logout = cli(Map.of(), "logout");
    assertEquals(0, logout.exit(), logout.err());
    assertTrue(logout.out().contains("revoked its API key"), logout.out());
    Run revoked = cli(Map.of("AGENTRY_URL", apiUrl, "AGENTRY_API_KEY", loginKey), "whoami");
    assertEquals(1, revoked.exit());
    assertTrue(revoked.err().contains("(401 unauthorized)"), revoked.err());
    Run remaining =
        cli(
            Map.of("AGENTRY_URL", apiUrl, "AGENTRY_API_KEY", registrationKey),
            "keys",
            "list",
            "--json");
    assertEquals(1, remaining.json().path("items").size(), remaining.out());

    Run wrong = cliWithInput(env, "wrong password\n", "login", username, "--password-stdin");
    assertEquals(1, wrong.exit());
    assertTrue(wrong.err().contains("(401 invalid-credentials)"), wrong.err());
    assertFalse(Files.exists(profile));
  }

  @Test
  void anAgentIsFoundByEachReferenceFormAndByItsExactName() throws Exception {
    Map<String, String> author = newUser("author");
    String owner = author.get("USER");
    String name = unique("json-pretty-v2");
    JsonNode first = push(author, PRETTY, name, "1.0.0");
    JsonNode second = push(author, PRETTY, name, "1.2.0");
    assertEquals(owner, second.path("ownerName").asText());

    Run search = cli(author, "agents", "search", name, "--json");
    assertEquals(name, search.json().path("items").path(0).path("name").asText(), search.out());
    Run table = cli(author, "agents", "search", name);
    assertTrue(
        table.out().lines().skip(1).findFirst().orElse("").startsWith(owner + "/" + name),
        table.out());

    Map<String, String> expected =
        Map.of(
            second.path("id").asText(),
            "1.2.0",
            name,
            "1.2.0",
            owner + "/" + name,
            "1.2.0",
            owner + "/" + name + "@1.0.0",
            "1.0.0",
            name + "@1.0.0",
            "1.0.0");
    for (Map.Entry<String, String> reference : expected.entrySet()) {
      Run show = cli(author, "agents", "show", reference.getKey(), "--json");
      assertEquals(0, show.exit(), reference.getKey() + ": " + show.err());
      assertEquals(reference.getValue(), show.json().path("version").asText(), reference.getKey());
      Run run =
          cli(
              author,
              "run",
              reference.getKey(),
              "--input",
              "{\"a\":[1,2]}",
              "--wait",
              "--",
              "--indent",
              "1");
      assertEquals(0, run.exit(), reference.getKey() + ": " + run.err());
      assertEquals("{\n \"a\": [\n  1,\n  2\n ]\n}\n", run.out(), reference.getKey());
    }

    Run versions = cli(author, "agents", "versions", name, "--json");
    assertEquals(List.of("1.2.0", "1.0.0"), texts(versions.json().path("items"), "version"));

    Run deprecate = cli(author, "agents", "update", name + "@1.2.0", "--status", "deprecated");
    assertEquals(0, deprecate.exit(), deprecate.err());
    Run newestActive = cli(author, "agents", "show", owner + "/" + name, "--json");
    assertEquals(first.path("id").asText(), newestActive.json().path("id").asText());

    Run someoneElse =
        cli(newUser("reader"), "run", owner + "/" + name, "--input", "{oops", "--wait");
    assertEquals(1, someoneElse.exit());
    assertTrue(someoneElse.err().contains("json-pretty: invalid JSON"), someoneElse.err());
    assertTrue(someoneElse.err().contains("== FAILED, exit code 1"), someoneElse.err());

    Run missing = cli(author, "agents", "show", owner + "/" + name + "@9.9.9");
    assertEquals(1, missing.exit());
    assertTrue(missing.err().contains("no version 9.9.9 of " + owner + "/" + name), missing.err());
  }

  @Test
  void aNameThatSeveralOwnersPublishIsAmbiguousExceptForItsOwners() throws Exception {
    String name = unique("cli");
    Map<String, String> alice = newUser("alice");
    Map<String, String> bob = newUser("bob");
    push(alice, PRETTY, name, "1.0.0");
    push(bob, PRETTY, name, "2.0.0");

    Run ambiguous = cli(newUser("carol"), "agents", "show", name);
    assertEquals(2, ambiguous.exit());
    assertTrue(ambiguous.err().contains("  " + alice.get("USER") + "/" + name), ambiguous.err());
    assertTrue(ambiguous.err().contains("  " + bob.get("USER") + "/" + name), ambiguous.err());

    Run own = cli(bob, "agents", "show", name, "--json");
    assertEquals("2.0.0", own.json().path("version").asText(), own.err());
    Run unknown = cli(bob, "run", unique("nobody-has"), "--wait");
    assertEquals(1, unknown.exit());
    assertTrue(unknown.err().contains("no agent is named"), unknown.err());
  }

  @Test
  void aTaskIsListedShownWatchedAndCancelled() throws Exception {
    Map<String, String> user = newUser("tasks");
    Path loop = config.resolve("loop.wasm");
    Files.write(
        loop,
        Wat2Wasm.parse(
            "(module (memory (export \"memory\") 1) (func (export \"_start\") (loop br 0)))"));
    String name = unique("forever");
    push(user, loop.toString(), name, "1.0.0");

    Run queued = cli(user, "run", name, "--timeout-ms", "120000", "--json");
    assertEquals(0, queued.exit(), queued.err());
    String taskId = queued.json().path("taskId").asText();
    Run listed = cli(user, "tasks", "list", "--agent", name, "--json");
    assertEquals(List.of(taskId), texts(listed.json().path("items"), "taskId"));

    Run cancel = cli(user, "tasks", "cancel", taskId);
    assertEquals(0, cancel.exit(), cancel.err());
    Run watch = cli(user, "tasks", "watch", taskId);
    assertEquals(1, watch.exit(), watch.err());
    assertTrue(watch.err().contains("== CANCELLED"), watch.err());
    Run shown = cli(user, "tasks", "show", taskId, "--json");
    assertEquals("CANCELLED", shown.json().path("status").asText());
    Run result = cli(user, "tasks", "result", taskId, "--json");
    assertEquals("CANCELLED", result.json().path("status").asText(), result.err());
    Run again = cli(user, "tasks", "cancel", taskId);
    assertEquals(1, again.exit());
    assertTrue(again.err().contains("(409 task-finished)"), again.err());
    Run nobodys = cli(user, "tasks", "watch", UUID.randomUUID().toString());
    assertEquals(1, nobodys.exit());
    assertTrue(nobodys.err().contains("(404 task-not-found)"), nobodys.err());
  }

  @Test
  void apiKeysAreCreatedListedAndRevoked() throws Exception {
    Map<String, String> user = newUser("keys");
    Run created = cli(user, "keys", "create", "--json");
    assertEquals(0, created.exit(), created.err());
    String id = created.json().path("id").asText();
    String key = created.json().path("apiKey").asText();
    assertTrue(key.startsWith("agy_"), created.out());

    Run listed = cli(user, "keys", "list");
    assertTrue(listed.out().contains(id), listed.out());
    assertFalse(listed.out().contains(key), "a list never shows a secret");
    assertEquals(0, cli(Map.of("AGENTRY_URL", apiUrl, "AGENTRY_API_KEY", key), "whoami").exit());

    assertEquals(0, cli(user, "keys", "revoke", id).exit());
    Run revoked = cli(Map.of("AGENTRY_URL", apiUrl, "AGENTRY_API_KEY", key), "whoami");
    assertEquals(1, revoked.exit());
    assertTrue(revoked.err().contains("(401 unauthorized)"), revoked.err());
    assertTrue(revoked.err().contains("the credentials came from AGENTRY_API_KEY"), revoked.err());
  }

  @Test
  void aKeyMayExpireAndAnExpiryThatIsNotAheadIsRefused() throws Exception {
    Map<String, String> user = newUser("expiry");
    Instant before = Instant.now();
    Run created = cli(user, "keys", "create", "--expires", "30d", "--json");
    assertEquals(0, created.exit(), created.err());
    Instant expiresAt = Instant.parse(created.json().path("expiresAt").asText());
    assertFalse(expiresAt.isBefore(before.plus(Duration.ofDays(30))), created.out());
    assertTrue(expiresAt.isBefore(Instant.now().plus(Duration.ofDays(30))), created.out());
    Run listed = cli(user, "keys", "list", "--json");
    assertTrue(listed.out().contains(created.json().path("expiresAt").asText()), listed.out());

    Run past = cli(user, "keys", "create", "--expires", "2000-01-01T00:00:00Z");
    assertEquals(1, past.exit());
    assertTrue(past.err().contains("(400 invalid-request)"), past.err());
    assertTrue(past.err().contains("expiresAt"), past.err());
    Run unreadable = cli(user, "keys", "create", "--expires", "tomorrow");
    assertEquals(2, unreadable.exit());
    assertTrue(unreadable.err().contains("90m, 12h or 30d"), unreadable.err());
  }

  @Test
  void theToolboxTakesAnAgentByReferenceListsItAndLetsItGo() throws Exception {
    Map<String, String> user = newUser("toolbox");
    String name = unique("json-pretty-tool");
    JsonNode pushed = push(user, PRETTY, name, "1.0.0");
    String reference = user.get("USER") + "/" + name;

    Run added = cli(user, "toolbox", "add", reference);
    assertEquals(0, added.exit(), added.err());
    assertEquals(name + "  " + reference + "@1.0.0", added.out().strip());
    Run listed = cli(user, "toolbox", "list", "--json");
    assertEquals(0, listed.exit(), listed.err());
    assertEquals(1, listed.json().path("items").size(), listed.out());
    assertEquals(name, listed.json().path("items").path(0).path("toolName").asText());
    assertEquals(
        pushed.path("id").asText(),
        listed.json().path("items").path(0).path("agent").path("id").asText());

    Run removed = cli(user, "toolbox", "remove", reference);
    assertEquals(0, removed.exit(), removed.err());
    assertEquals(0, cli(user, "toolbox", "list", "--json").json().path("items").size());
    Run again = cli(user, "toolbox", "remove", reference);
    assertEquals(1, again.exit());
    assertTrue(again.err().contains("(404 toolbox-entry-not-found)"), again.err());
  }

  @Test
  void logoutEverywhereEndsEveryLoginTokenButNotTheOtherKeys() throws Exception {
    String username = "everywhere-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> env = Map.of("AGENTRY_URL", apiUrl);
    Path profile = config.resolve("agentry").resolve("profile.properties");
    String otherKey = AgentryClient.of(apiUrl).register(username, PASSWORD).apiKey();
    Run login = cliWithInput(env, PASSWORD + "\n", "login", username, "--password-stdin");
    assertEquals(0, login.exit(), login.err());
    String token = AgentryClient.of(apiUrl).login(username, PASSWORD).token();
    Map<String, String> withToken = Map.of("AGENTRY_URL", apiUrl, "AGENTRY_API_KEY", token);
    assertEquals(0, cli(withToken, "whoami").exit());

    Run logout = cli(Map.of(), "logout", "--everywhere");

    assertEquals(0, logout.exit(), logout.err());
    assertTrue(logout.out().contains("ended every login token"), logout.out());
    assertFalse(Files.exists(profile));
    Run ended = cli(withToken, "whoami");
    assertEquals(1, ended.exit());
    assertTrue(ended.err().contains("(401 unauthorized)"), ended.err());
    assertEquals(
        0, cli(Map.of("AGENTRY_URL", apiUrl, "AGENTRY_API_KEY", otherKey), "whoami").exit());
    Map<String, String> stranger = newUser("bystander");
    assertEquals(0, cli(stranger, "whoami").exit(), "another user is not affected");
  }

  @Test
  void problemsArePrintedWithTheirFields() {
    Map<String, String> user = newUser("problems");
    String name = unique("bad");
    Run push =
        cli(user, "agents", "push", PRETTY, "--name", name, "--version", "one", "--price", "-1");
    assertEquals(1, push.exit());
    assertTrue(push.err().contains("(400 invalid-metadata)"), push.err());
    assertTrue(push.err().contains("  - version: "), push.err());
    assertTrue(push.err().contains("  - price: "), push.err());
  }

  private JsonNode push(Map<String, String> env, String file, String name, String version)
      throws Exception {
    Run push =
        cli(
            env,
            "agents",
            "push",
            file,
            "--name",
            name,
            "--version",
            version,
            "--capability",
            "json",
            "--json");
    assertEquals(0, push.exit(), push.err());
    return push.json();
  }

  private static List<String> texts(JsonNode items, String field) {
    List<String> texts = new ArrayList<>();
    items.forEach(item -> texts.add(item.path(field).asText()));
    return texts;
  }

  private static String read(Path profile, String key) throws Exception {
    java.util.Properties properties = new java.util.Properties();
    try (var reader = Files.newBufferedReader(profile)) {
      properties.load(reader);
    }
    return properties.getProperty(key);
  }
}
