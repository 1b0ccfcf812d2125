package io.agentry.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The web pages in a real browser (headless Chromium) against the packaged platform: a new person
 * signs up, publishes a sample agent, finds it, runs it and watches it end; a second person rates
 * it; keys are created and revoked; hostile text stays text; a page on another origin cannot use
 * the session; anonymous visitors browse. Screenshots of the main pages go to {@code
 * -Dui.screenshots} (relative to the repository, e.g. {@code docs/ui}), else to target/.
 */
class WebUiE2ETest {

  private static final String PASSWORD = "correct-horse-battery";

  private static Platform platform;
  private static Path screenshots;

  @BeforeAll
  static void start() {
    platform = Platform.get();
    String configured = System.getProperty("ui.screenshots", "");
    screenshots =
        configured.isBlank()
            ? Path.of("target", "ui-screenshots").toAbsolutePath()
            : Path.of(System.getProperty("user.dir")).getParent().resolve(configured).normalize();
  }

  @AfterAll
  static void where() {
    System.out.println("[ui] screenshots in " + screenshots);
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static void signUp(Browser browser, String username) {
    browser.go("/account");
    browser.type("#signup-username", username);
    browser.type("#signup-password", PASSWORD);
    browser.find("#signup button[type=submit]").click();
    browser.awaitText("#username", username);
  }

  private static void signOut(Browser browser) {
    browser.go("/account");
    browser.await("#sign-out").click();
    browser.await("#signin-username");
  }

  private static String publish(Browser browser, String name, String sample, String description) {
    browser.go("/publish");
    browser.await("#publish");
    browser
        .find("#binary")
        .sendKeys(
            Path.of("..", "samples", sample, sample + ".wasm")
                .toAbsolutePath()
                .normalize()
                .toString());
    browser.type("#name", name);
    browser.type("#version", "1.0.0");
    browser.type("#description", description);
    browser.type("#capabilities", "text, demo");
    browser.find("#publish-button").click();
    browser.awaitPath("/agents/");
    browser.awaitText("h1", name);
    return browser.path().substring("/agents/".length());
  }

  @Test
  void aNewPersonSignsUpPublishesFindsRunsAndWatchesAnAgent() {
    try (Browser browser = Browser.open(platform.gatewayUrl())) {
      String username = unique("ui");
      signUp(browser, username);
      assertTrue(browser.find("#new-key-value").getText().startsWith("agy_"));
      browser.screenshot(screenshots, "account");

      String name = unique("rot13");
      browser.go("/publish");
      browser.await("#publish");
      browser.screenshot(screenshots, "publish");
      String agentId = publish(browser, name, "rot13", "Rotates letters by 13 places.\nTry it!");

      browser.go("/?q=" + name);
      WebElement result = browser.await(".results .card h2 a[href='/agents/" + agentId + "']");
      assertEquals(name, result.getText());
      browser.screenshot(screenshots, "find");
      result.click();
      browser.awaitPath("/agents/" + agentId);
      browser.awaitText("#stats-title", "Runs");
      browser.await("#run");
      assertEquals(
          "Rotates letters by 13 places.\nTry it!", browser.find(".description").getText());
      browser.screenshot(screenshots, "agent");

      browser.type("#run-input", "Hello, Agentry");
      browser.find("#run-button").click();
      browser.awaitPath("/tasks/");
      String taskPath = browser.path();
      browser.script("window.stillTheSamePage = true;");
      browser.awaitText("#status", "SUCCEEDED");
      browser.awaitText("#stdout", "Uryyb, Ntragel");
      assertEquals(Boolean.TRUE, browser.script("return window.stillTheSamePage === true;"));
      browser.screenshot(screenshots, "task");

      browser.go(taskPath);
      browser.awaitText("#stdout", "Uryyb, Ntragel");
      browser.go("/tasks");
      browser.awaitText("#tasks", "SUCCEEDED");
      assertTrue(
          browser.find("#tasks a[href='" + taskPath + "']").isDisplayed(),
          "the task links to its page");
      browser.screenshot(screenshots, "tasks");
      browser.assertNoPolicyViolations();
    }
  }

  @Test
  void anotherPersonRatesTheAgentWhichItsOwnerCannot() {
    try (Browser browser = Browser.open(platform.gatewayUrl())) {
      signUp(browser, unique("owner"));
      String agentId = publish(browser, unique("rated"), "wordcount", "Counts words.");
      assertTrue(browser.all("#rate").isEmpty(), "the owner sees no rating form");
      browser.await("#edit");
      assertTrue(browser.find("main").getText().contains("Owners cannot rate their own agents."));

      signOut(browser);
      signUp(browser, unique("rater"));
      // Only a person who ran an agent may rate it.
      browser.go("/agents/" + agentId);
      browser.await("#run");
      browser.type("#run-input", "one two three");
      browser.find("#run-button").click();
      browser.awaitPath("/tasks/");
      browser.awaitText("#status", "SUCCEEDED");
      awaitRunCounted(agentId);
      browser.go("/agents/" + agentId);
      browser.await("#rate");
      browser.find("#score-4").click();
      browser.find("#rate button[type=submit]").click();
      browser.awaitText("#rating-text", "4.00 of 5 (1 rating)");
      assertTrue(browser.all("#edit").isEmpty(), "only the owner may edit");
    }
  }

  @Test
  void anApiKeyIsShownOnceListedAndRevoked() {
    try (Browser browser = Browser.open(platform.gatewayUrl())) {
      signUp(browser, unique("keys"));
      browser.go("/account");
      browser.await("#keys tbody tr");
      assertTrue(browser.all("#new-key").isEmpty(), "the first key is not shown again");
      browser.find("#create-key").click();
      new org.openqa.selenium.support.ui.WebDriverWait(
              browser.driver(), java.time.Duration.ofSeconds(10))
          .until(d -> d.findElements(By.cssSelector("#keys tbody tr")).size() == 2);
      browser.awaitText("#new-key", "shown only this once");
      String key = browser.find("#new-key-value").getText();
      assertTrue(key.startsWith("agy_"), key);
      assertEquals(200, me(key).statusCode());

      browser.go("/account");
      browser.await("#keys tbody tr");
      assertFalse(browser.find("main").getText().contains(key), "a key is shown only once");
      WebElement row =
          browser.all("#keys tbody tr").stream()
              .filter(
                  one ->
                      key.startsWith(
                          one.findElement(By.cssSelector("code")).getText().replace("…", "")))
              .findFirst()
              .orElseThrow();
      row.findElement(By.cssSelector("button")).click();
      new org.openqa.selenium.support.ui.WebDriverWait(
              browser.driver(), java.time.Duration.ofSeconds(10))
          .until(d -> d.findElements(By.cssSelector("#keys tbody tr")).size() == 1);
      assertEquals(401, me(key).statusCode(), "the revoked key stops working at once");
    }
  }

  /** Waits until the registry counted a run of the agent, which is when it knows the runner. */
  private static void awaitRunCounted(String agentId) {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
    while (PublicApi.read(
                PublicApi.send(
                        HttpRequest.newBuilder(
                            URI.create(platform.apiUrl() + "/agents/" + agentId)))
                    .body())
            .path("tasksCompleted")
            .asLong()
        < 1) {
      assertTrue(System.nanoTime() < deadline, "the registry never counted the run");
      PublicApi.pause(200);
    }
  }

  private static HttpResponse<String> me(String key) {
    return PublicApi.send(
        HttpRequest.newBuilder(URI.create(platform.apiUrl() + "/users/me"))
            .header("Authorization", "Bearer " + key));
  }

  @Test
  void hostileTextInADescriptionAndAnOutputShowsAsTextAndRunsNothing() {
    PublicApi author = PublicApi.newUser(platform.apiUrl());
    JsonNode agent = author.upload(unique("hostile"), "1.0.0", Agents.sample("rot13"));
    String agentId = agent.path("id").asText();
    String hostile =
        "<script>window.attacked = 1</script><img src=x onerror=\"window.attacked = 2\">"
            + "\n<b>bold?</b>";
    HttpResponse<String> patched =
        PublicApi.send(
            author
                .request("/agents/" + agentId)
                .header("Content-Type", "application/json")
                .method(
                    "PATCH",
                    HttpRequest.BodyPublishers.ofString(
                        PublicApi.JSON.createObjectNode().put("description", hostile).toString())));
    assertEquals(200, patched.statusCode(), patched.body());
    // rot13 turns this input into <img src=x onerror="window.attacked = 3">.
    String taskId =
        author.accepted(
            Map.of("agentId", agentId, "input", "<vzt fep=k bareebe=\"jvaqbj.nggnpxrq = 3\">"));
    assertEquals(
        "SUCCEEDED",
        author.awaitTerminal(taskId, java.time.Duration.ofSeconds(60)).path("status").asText());

    try (Browser browser = Browser.open(platform.gatewayUrl())) {
      browser.go("/agents/" + agentId);
      browser.awaitText(".description", "<script>");
      assertEquals(hostile, browser.find(".description").getText());
      assertTrue(browser.all(".description *").isEmpty(), "the description made elements");
      browser.go("/?q=" + agent.path("name").asText());
      browser.awaitText(".results", "<script>window.attacked");
      assertTrue(browser.all(".results img, .results script, .results b").isEmpty());
      assertNull(browser.script("return window.attacked;"));

      browser.go("/account");
      browser.type("#signin-username", author.username());
      browser.type("#signin-password", PublicApi.PASSWORD);
      browser.find("#signin button[type=submit]").click();
      browser.awaitText("#username", author.username());
      browser.go("/tasks/" + taskId);
      browser.awaitText("#stdout", "<img src=x onerror=");
      assertTrue(browser.all("#result img").isEmpty());
      assertNull(browser.script("return window.attacked;"));
      browser.assertNoPolicyViolations();
    }
  }

  @Test
  void aFormPostedFromAnotherOriginCannotUseTheSession() throws IOException {
    URI gateway = URI.create(platform.gatewayUrl());
    String target = platform.apiUrl() + "/users/me/api-keys";
    String taskTarget = platform.apiUrl() + "/tasks";
    String attack =
        "<!doctype html><title>elsewhere</title>"
            + "<form id=keys method=post action=\""
            + target
            + "\"><button id=go>Win a prize</button></form>"
            + "<form id=task method=post enctype=text/plain action=\""
            + taskTarget
            + "\"><input name='{\"agentId\":\"x\",\"pad\":\"' value='\"}'><button id=go2>Go</button></form>";
    HttpServer elsewhere = HttpServer.create(new InetSocketAddress(gateway.getHost(), 0), 0);
    elsewhere.createContext(
        "/",
        exchange -> {
          byte[] page = attack.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, page.length);
          exchange.getResponseBody().write(page);
          exchange.close();
        });
    elsewhere.start();
    try (Browser browser = Browser.open(platform.gatewayUrl())) {
      String username = unique("victim");
      signUp(browser, username);
      browser.await("#keys tbody tr");
      int keys = browser.all("#keys tbody tr").size();

      String attacker =
          "http://" + gateway.getHost() + ":" + elsewhere.getAddress().getPort() + "/";
      browser.driver().get(attacker);
      browser.find("#go").click();
      new org.openqa.selenium.support.ui.WebDriverWait(
              browser.driver(), java.time.Duration.ofSeconds(10))
          .until(d -> d.getPageSource().contains("cross-site-request"));
      browser.driver().get(attacker);
      browser.find("#go2").click();
      new org.openqa.selenium.support.ui.WebDriverWait(
              browser.driver(), java.time.Duration.ofSeconds(10))
          .until(d -> d.getPageSource().contains("cross-site-request"));

      browser.go("/account");
      browser.await("#keys tbody tr");
      assertEquals(keys, browser.all("#keys tbody tr").size(), "no key was created");
      browser.go("/tasks");
      browser.awaitText("#tasks", "No task yet");
    } finally {
      elsewhere.stop(0);
    }
  }

  @Test
  void anonymousVisitorsBrowseAndAreAskedToSignInToRun() {
    PublicApi author = PublicApi.newUser(platform.apiUrl());
    String name = unique("public");
    String agentId = author.upload(name, "1.0.0", Agents.sample("wordcount")).path("id").asText();
    try (Browser browser = Browser.open(platform.gatewayUrl())) {
      browser.go("/?q=" + name);
      browser.await(".results .card h2 a[href='/agents/" + agentId + "']").click();
      browser.awaitPath("/agents/" + agentId);
      browser.awaitText("#stats-title", "Runs");
      browser.awaitText("#run-title + p", "Sign in");
      assertTrue(browser.all("#run").isEmpty(), "no run form without a session");
      assertTrue(browser.find("#who").getText().contains("Sign in"));

      browser.resize(Browser.PHONE);
      browser.go("/?q=" + name);
      browser.awaitText(".results", name);
      assertTrue(browser.fitsTheWidth(), "the find page fits 390 px");
      browser.screenshot(screenshots, "find-phone");
      browser.go("/agents/" + agentId);
      browser.awaitText("#stats-title", "Runs");
      assertTrue(browser.fitsTheWidth(), "the agent page fits 390 px");
      browser.screenshot(screenshots, "agent-phone");
      browser.resize(Browser.DESKTOP);

      browser.go("/docs");
      browser.await("#swagger-ui .opblock");
      assertTrue(browser.find("#swagger-ui").getText().contains("/agents/search"));
      browser.screenshot(screenshots, "docs");
      browser.assertNoPolicyViolations();
    }
  }

  @Test
  void everyControlIsLabelledAndTheFormsWorkFromTheKeyboard() {
    try (Browser browser = Browser.open(platform.gatewayUrl())) {
      signUp(browser, unique("keyboard"));
      for (String page : new String[] {"/", "/publish", "/account", "/tasks"}) {
        browser.go(page);
        browser.await("main form, main table, #keys, #tasks p");
        Object unlabelled =
            browser.script(
                "return [...document.querySelectorAll('main input, main select, main textarea')]"
                    + ".filter(c => c.type !== 'hidden' && c.labels.length === 0"
                    + " && !c.getAttribute('aria-label')).map(c => c.id || c.name);");
        assertEquals(java.util.List.of(), unlabelled, page);
      }
      // Search from the keyboard alone: type in the field and press Enter.
      browser.go("/");
      browser.await("#q").sendKeys("rot13" + org.openqa.selenium.Keys.ENTER);
      new org.openqa.selenium.support.ui.WebDriverWait(
              browser.driver(), java.time.Duration.ofSeconds(10))
          .until(d -> d.getCurrentUrl().contains("q=rot13"));
    }
  }
}
