package io.agentry.sandbox;

import io.agentry.sandbox.http.HttpPermissions;
import java.util.List;
import java.util.Map;

/**
 * One run of an agent.
 *
 * @param stdin the bytes the module reads from standard input
 * @param argv the arguments, {@code argv[0]} first
 * @param env the whole environment, in order
 * @param timeoutMs wall-clock limit from instantiation to the end of {@code _start}
 * @param maxMemoryMb the most linear memory the module may have, in MiB
 * @param http the origins the agent version may call over outbound HTTP
 */
public record RunRequest(
    byte[] stdin,
    List<String> argv,
    Map<String, String> env,
    int timeoutMs,
    int maxMemoryMb,
    HttpPermissions http) {

  public RunRequest {
    if (http == null) {
      http = HttpPermissions.none();
    }
  }

  /** A run of an agent that may call no origin. */
  public RunRequest(
      byte[] stdin, List<String> argv, Map<String, String> env, int timeoutMs, int maxMemoryMb) {
    this(stdin, argv, env, timeoutMs, maxMemoryMb, HttpPermissions.none());
  }
}
