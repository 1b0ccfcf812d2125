package io.agentry.localstack;

import java.nio.file.Path;
import java.util.List;

/**
 * The first options of every JVM the local platform starts: which part it is and the folder of the
 * stack it belongs to. They tell a platform process by its command line, and come first because the
 * JDK reads only the first 4 KiB of another process's command line, which a classpath fills.
 */
public final class ProcessMarkers {

  private static final String PART = "-Dagentry.part=";
  private static final String HOME = "-Dagentry.home=";

  private ProcessMarkers() {}

  /** {@code -Dagentry.part=<part> -Dagentry.home=<home>}. */
  public static List<String> of(String part, Path home) {
    return List.of(PART + part, HOME + home);
  }
}
