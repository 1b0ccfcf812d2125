package io.agentry.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
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

  /**
   * A CPU-bound agent: steps a linear congruential generator {@code iterations} times (a chain no
   * compiler can fold away), stores the result in its memory, then exits 0. Encoded here, byte by
   * byte, from this WebAssembly text:
   *
   * <pre>
   * (module (memory (export "memory") 1)
   *   (func (export "_start") (local $n i64) (local $x i64)
   *     (local.set $n (i64.const ITERATIONS))
   *     (block $done (loop $again
   *       (br_if $done (i64.eqz (local.get $n)))
   *       (local.set $x (i64.add (i64.mul (local.get $x) (i64.const 6364136223846793005))
   *                              (i64.const 1442695040888963407)))
   *       (local.set $n (i64.sub (local.get $n) (i64.const 1)))
   *       (br $again)))
   *     (i64.store (i32.const 0) (local.get $x))))
   * </pre>
   */
  static byte[] busy(long iterations) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {0x01, 0x02, 0x7E}); // two i64 locals
    body.write(0x42);
    body.writeBytes(sleb(iterations));
    body.writeBytes(new byte[] {0x21, 0x00, 0x02, 0x40, 0x03, 0x40}); // set $n, block, loop
    body.writeBytes(new byte[] {0x20, 0x00, 0x50, 0x0D, 0x01}); // br_if $done (eqz $n)
    body.writeBytes(new byte[] {0x20, 0x01, 0x42});
    body.writeBytes(sleb(6364136223846793005L));
    body.writeBytes(new byte[] {0x7E, 0x42});
    body.writeBytes(sleb(1442695040888963407L));
    body.writeBytes(new byte[] {0x7C, 0x21, 0x01}); // mul, add, set $x
    body.writeBytes(new byte[] {0x20, 0x00, 0x42, 0x01, 0x7D, 0x21, 0x00}); // $n - 1
    body.writeBytes(new byte[] {0x0C, 0x00, 0x0B, 0x0B}); // br $again, end loop, end block
    body.writeBytes(new byte[] {0x41, 0x00, 0x20, 0x01, 0x37, 0x03, 0x00, 0x0B}); // i64.store
    ByteArrayOutputStream module = new ByteArrayOutputStream();
    module.writeBytes(new byte[] {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00});
    module.writeBytes(new byte[] {0x01, 0x04, 0x01, 0x60, 0x00, 0x00}); // type () -> ()
    module.writeBytes(new byte[] {0x03, 0x02, 0x01, 0x00}); // one function of that type
    module.writeBytes(new byte[] {0x05, 0x03, 0x01, 0x00, 0x01}); // one memory of one page
    byte[] exports =
        ("\u0002\u0006memory\u0002\u0000\u0006_start\u0000\u0000")
            .getBytes(StandardCharsets.US_ASCII);
    module.write(0x07);
    module.write(exports.length);
    module.writeBytes(exports);
    module.write(0x0A); // code: one body; both sizes stay below 128, one LEB128 byte each
    module.write(body.size() + 2);
    module.write(0x01);
    module.write(body.size());
    module.writeBytes(body.toByteArray());
    return module.toByteArray();
  }

  private static byte[] sleb(long value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      int b = (int) (value & 0x7F);
      value >>= 7;
      boolean done = (value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0);
      out.write(done ? b : b | 0x80);
      if (done) {
        return out.toByteArray();
      }
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
