package io.agentry.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The committed sample agents under {@code src/test/resources/agents/}, built from Rust and C. */
public final class SampleAgents {

  /** Rust: stdin to stdout, upper-cased. */
  public static final String UPPERCASE = "agents/uppercase/uppercase.wasm";

  /** C: the SHA-256 of stdin, as lowercase hex and a newline. */
  public static final String SHA256 = "agents/sha256/sha256.wasm";

  private SampleAgents() {}

  /** The module's bytes, from the test classpath. */
  public static byte[] wasm(String resource) {
    try (InputStream in = SampleAgents.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no sample agent " + resource + " on the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
