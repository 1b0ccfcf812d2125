package io.agentry.e2e;

import io.agentry.localstack.PackagedService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** What a test can see of an executor from outside: its process, its memory, its readiness. */
final class ExecutorProbe {

  private ExecutorProbe() {}

  /** The process's resident set size in MiB, from {@code /proc/<pid>/status} (Linux). */
  static long residentMib(PackagedService executor) {
    Path status = Path.of("/proc", Long.toString(executor.pid()), "status");
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmRSS:")) {
          long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
          return kib / 1024;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + status + ": is the executor gone?", e);
    }
    throw new IllegalStateException(status + " has no VmRSS line");
  }

  /** The HTTP status of the executor's {@code /q/health/ready}. */
  static int readiness(PackagedService executor) {
    return PublicApi.send(
            HttpRequest.newBuilder(URI.create(executor.baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(30))
                .GET())
        .statusCode();
  }
}
