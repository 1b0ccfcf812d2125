package io.agentry.bench;

import com.dylibso.chicory.wabt.Wat2Wasm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/** The agents the benchmark uploads. */
final class BenchAgents {

  private static final SecureRandom RANDOM = new SecureRandom();

  private BenchAgents() {}

  /** The committed rot13 sample: a tiny agent that copies stdin to stdout, rotated. */
  static byte[] tiny(Path projectRoot) {
    try {
      return Files.readAllBytes(projectRoot.resolve("samples/rot13/rot13.wasm"));
    } catch (IOException e) {
      throw new UncheckedIOException("run the benchmark from the project root", e);
    }
  }

  /** A CPU-bound agent that counts down from {@code iterations}. */
  static byte[] busy(long iterations) {
    try (InputStream in = BenchAgents.class.getResourceAsStream("/bench/busy.wat")) {
      String wat = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return Wat2Wasm.parse(wat.formatted(iterations));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code wasm} with a custom section of random bytes appended: it runs the same, but its SHA-256
   * is new, so the executor has to fetch and compile it (as for a newly uploaded agent).
   */
  static byte[] unique(byte[] wasm) {
    byte[] name = "agentry-bench".getBytes(StandardCharsets.US_ASCII);
    byte[] payload = new byte[16];
    RANDOM.nextBytes(payload);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(wasm);
    out.write(0); // custom section
    out.write(1 + name.length + payload.length); // section size, below 128: one LEB128 byte
    out.write(name.length);
    out.writeBytes(name);
    out.writeBytes(payload);
    return out.toByteArray();
  }
}
