package io.agentry.executor.config;

import io.agentry.wire.TaskLimits;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/** The name this executor puts in the events it publishes. */
@Singleton
public class ExecutorIdentity {

  private final String id;

  public ExecutorIdentity(ExecutorConfig config) {
    this.id = config.id().orElseGet(ExecutorIdentity::hostAndPid);
    if (id.isBlank()
        || id.getBytes(StandardCharsets.UTF_8).length > TaskLimits.MAX_EXECUTOR_ID_BYTES) {
      throw new IllegalArgumentException(
          "agentry.executor.id must be 1 to "
              + TaskLimits.MAX_EXECUTOR_ID_BYTES
              + " bytes of UTF-8, was '"
              + id
              + "'");
    }
  }

  public String id() {
    return id;
  }

  private static String hostAndPid() {
    String host = System.getenv("HOSTNAME");
    if (host == null || host.isBlank()) {
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        host = "executor";
      }
    }
    // Host names are short in practice; the cut keeps the id within the wire format's limit.
    return host.substring(0, Math.min(host.length(), 200)) + "-" + ProcessHandle.current().pid();
  }
}
