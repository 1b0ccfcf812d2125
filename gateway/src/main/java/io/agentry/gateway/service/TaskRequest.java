package io.agentry.gateway.service;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A validated submission body: the input decoded to bytes and every default applied.
 *
 * @param input the task's stdin ({@code input} as UTF-8, or {@code inputBase64} decoded)
 */
public record TaskRequest(
    UUID agentId,
    byte[] input,
    List<String> args,
    Map<String, String> env,
    int timeoutMs,
    int maxMemoryMb) {

  /**
   * The SHA-256 of everything the request asks for, defaults applied: two bodies that ask for the
   * same task (whether {@code input} or {@code inputBase64}, fields in any order) have the same
   * fingerprint. Each part is written with its length, so no two requests share an encoding.
   */
  public byte[] fingerprint() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(input.length + 256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeLong(agentId.getMostSignificantBits());
      out.writeLong(agentId.getLeastSignificantBits());
      out.writeInt(input.length);
      out.write(input);
      out.writeInt(args.size());
      for (String arg : args) {
        writeText(out, arg);
      }
      out.writeInt(env.size());
      for (Map.Entry<String, String> entry : env.entrySet()) {
        writeText(out, entry.getKey());
        writeText(out, entry.getValue());
      }
      out.writeInt(timeoutMs);
      out.writeInt(maxMemoryMb);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a byte array failed", e);
    }
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static void writeText(DataOutputStream out, String text) throws IOException {
    byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }
}
