package io.agentry.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven through Selenium with the system's browser and driver (Debian's {@code
 * chromium} and {@code chromium-driver}; {@code -Dui.chromium} and {@code -Dui.chromedriver} point
 * elsewhere): both paths are given, so Selenium Manager never runs and nothing is downloaded. Each
 * browser has a fresh profile, so its cookies are its own.
 */
final class Browser implements AutoCloseable {

  static final Dimension DESKTOP = new Dimension(1200, 900);
  static final Dimension PHONE = new Dimension(390, 844);

  private static final Duration WAIT = Duration.ofSeconds(30);

  private final ChromeDriver driver;
  private final String baseUrl;
  private final Path profile;

  private Browser(ChromeDriver driver, String baseUrl, Path profile) {
    this.driver = driver;
    this.baseUrl = baseUrl;
    this.profile = profile;
  }

  static Browser open(String baseUrl) {
    String chromium = System.getProperty("ui.chromium", "/usr/bin/chromium");
    String chromedriver = System.getProperty("ui.chromedriver", "/usr/bin/chromedriver");
    assertTrue(
        new File(chromium).canExecute() && new File(chromedriver).canExecute(),
        "The browser tests need Chromium and its driver: apt-get install chromium chromium-driver");
    Path profile;
    try {
      Path root = Files.createDirectories(Path.of("target", "browser-profiles").toAbsolutePath());
      profile = Files.createTempDirectory(root, "profile-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(chromedriver))
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(DESKTOP);
    return new Browser(driver, baseUrl, profile);
  }

  ChromeDriver driver() {
    return driver;
  }

  void go(String path) {
    driver.get(baseUrl + path);
  }

  String path() {
    return java.net.URI.create(driver.getCurrentUrl()).getPath();
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** The element, once it is visible. */
  WebElement await(String css) {
    return new WebDriverWait(driver, WAIT)
        .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  /** Waits until the element's text contains {@code text}. */
  void awaitText(String css, String text) {
    new WebDriverWait(driver, WAIT)
        .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
  }

  void awaitPath(String prefix) {
    new WebDriverWait(driver, WAIT).until(d -> path().startsWith(prefix));
  }

  void type(String css, String text) {
    WebElement field = await(css);
    field.clear();
    field.sendKeys(text);
  }

  Object script(String script) {
    return driver.executeScript(script);
  }

  void resize(Dimension size) {
    driver.manage().window().setSize(size);
  }

  /** True when the page is no wider than the window (nothing to scroll sideways). */
  boolean fitsTheWidth() {
    Object fits =
        driver.executeScript(
            "return document.documentElement.scrollWidth <= window.innerWidth + 1;");
    return Boolean.TRUE.equals(fits);
  }

  /** Saves a screenshot of the window as {@code <name>.png} in {@code directory}. */
  void screenshot(Path directory, String name) {
    try {
      Files.createDirectories(directory);
      Files.write(directory.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fails when the browser reported a Content-Security-Policy violation since the last call. */
  void assertNoPolicyViolations() {
    List<String> violations =
        driver.manage().logs().get(LogType.BROWSER).getAll().stream()
            .map(LogEntry::getMessage)
            .filter(message -> message.contains("Content Security Policy"))
            .toList();
    assertEquals(List.of(), violations);
  }

  @Override
  public void close() {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      // a leftover profile under target/ is harmless
    }
  }
}
