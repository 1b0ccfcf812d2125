package io.agentry.results;

import io.agentry.localstack.Endpoints;
import io.agentry.localstack.PackagedService;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The packaged results service run as a process of its own against a local stack, trusting the test
 * key's tokens: a second instance next to the one {@code QuarkusTest} starts, or the service under
 * a benchmark.
 */
public final class ResultsProcess implements AutoCloseable {

  private final PackagedService service;

  private ResultsProcess(PackagedService service) {
    this.service = service;
  }

  /** Starts the service with small-heap, quick-start JVM options (for tests). */
  public static ResultsProcess start(Endpoints endpoints, Map<String, String> config) {
    return start(endpoints, PackagedService.TEST_JVM_ARGS, config);
  }

  /** Starts the service with the given JVM options and configuration over the stack's. */
  public static ResultsProcess start(
      Endpoints endpoints, List<String> jvmOptions, Map<String, String> config) {
    Map<String, String> all = new HashMap<>(endpoints.quarkusConfig("results"));
    all.put("mp.jwt.verify.publickey.location", testPublicKey().toUri().toString());
    all.putAll(config);
    return new ResultsProcess(PackagedService.start("results-service", all, jvmOptions));
  }

  public URI ws(String path) {
    return URI.create(service.baseUrl().replaceFirst("^http", "ws") + path);
  }

  public URI http(String path) {
    return URI.create(service.baseUrl() + path);
  }

  @Override
  public void close() {
    service.close();
  }

  private static Path testPublicKey() {
    URL url = ResultsProcess.class.getResource("/test-public-key.pem");
    try {
      if (url != null && "file".equals(url.getProtocol())) {
        return Path.of(url.toURI());
      }
    } catch (URISyntaxException e) {
      // fall through
    }
    return Path.of("target", "test-classes", "test-public-key.pem").toAbsolutePath();
  }
}
