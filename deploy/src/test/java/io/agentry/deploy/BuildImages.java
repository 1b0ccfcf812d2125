package io.agentry.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The image settings deploy/build-images.sh gives Jib, which the manifests rely on. */
final class BuildImages {

  private BuildImages() {}

  static String script() {
    try {
      return Files.readString(DeployTree.buildImagesScript());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The value of a -D property the script passes to Maven. */
  static String property(String key) {
    Matcher matcher =
        Pattern.compile("-D" + Pattern.quote(key) + "=([^\\s\"']+)").matcher(script());
    if (!matcher.find()) {
      throw new AssertionError("build-images.sh does not set " + key);
    }
    return matcher.group(1);
  }

  /** The user the images run as. */
  static int user() {
    return Integer.parseInt(property("quarkus.jib.user"));
  }

  /** The share of the container's memory limit the JVM takes for its heap, from 0 to 1. */
  static double heapShare() {
    Matcher matcher =
        Pattern.compile("-XX:MaxRAMPercentage=(\\d+(?:\\.\\d+)?)")
            .matcher(property("quarkus.jib.jvm-additional-arguments"));
    if (!matcher.find()) {
      throw new AssertionError("build-images.sh does not size the heap with MaxRAMPercentage");
    }
    return Double.parseDouble(matcher.group(1)) / 100;
  }
}
