package io.agentry.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BinaryKeysTest {

  @Test
  void aLowercaseHexHashBecomesItsContentAddressedKey() {
    String hash = "0123456789abcdef".repeat(4);

    assertEquals("sha256/" + hash, BinaryKeys.forHash(hash));
  }

  @Test
  void anythingButALowercaseHexSha256IsRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> BinaryKeys.forHash("ABCDEF".repeat(10) + "abcd"));
    assertThrows(IllegalArgumentException.class, () -> BinaryKeys.forHash("../etc/passwd"));
    assertThrows(IllegalArgumentException.class, () -> BinaryKeys.forHash(null));
  }
}
