package io.agentry.registry.security;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AES-GCM sealing of agent secrets: bound to their row, tamper-evident, rotatable. */
class SecretCipherTest {

  private static final String OLD = key();
  private static final String NEW = key();

  @Test
  void aSealedValueOpensWithItsAssociatedDataAndNeverShowsItsPlainText() {
    SecretCipher cipher = new SecretCipher(NEW, List.of());
    byte[] value = "sk-live-0123456789".getBytes(UTF_8);

    SecretCipher.Sealed sealed = cipher.seal(value, "owner/agent/API_KEY");
    SecretCipher.Sealed again = cipher.seal(value, "owner/agent/API_KEY");

    assertArrayEquals(value, cipher.open(sealed, "owner/agent/API_KEY"));
    assertFalse(new String(sealed.ciphertext(), UTF_8).contains("sk-live"));
    assertNotEquals(List.of(sealed.nonce()), List.of(again.nonce()));
  }

  @Test
  void aValueMovedToAnotherRowOrChangedDoesNotOpen() {
    SecretCipher cipher = new SecretCipher(NEW, List.of());
    SecretCipher.Sealed sealed = cipher.seal("v".getBytes(UTF_8), "owner/agent/API_KEY");
    byte[] flipped = sealed.ciphertext().clone();
    flipped[0] ^= 1;

    assertThrows(IllegalStateException.class, () -> cipher.open(sealed, "other/agent/API_KEY"));
    assertThrows(
        IllegalStateException.class,
        () ->
            cipher.open(
                new SecretCipher.Sealed(sealed.keyId(), sealed.nonce(), flipped),
                "owner/agent/API_KEY"));
  }

  @Test
  void afterARotationOldValuesStillOpenAndNewOnesUseTheNewKey() {
    SecretCipher before = new SecretCipher(OLD, List.of());
    SecretCipher after = new SecretCipher(NEW, List.of(OLD));
    SecretCipher forgotten = new SecretCipher(NEW, List.of());
    SecretCipher.Sealed old = before.seal("v1".getBytes(UTF_8), "a");

    assertArrayEquals("v1".getBytes(UTF_8), after.open(old, "a"));
    assertEquals(after.currentKeyId(), after.seal("v2".getBytes(UTF_8), "a").keyId());
    assertNotEquals(before.currentKeyId(), after.currentKeyId());
    assertThrows(IllegalStateException.class, () -> forgotten.open(old, "a"));
  }

  @Test
  void aKeyThatIsNot32BytesOfBase64IsRefusedAtStart() {
    assertThrows(IllegalArgumentException.class, () -> new SecretCipher("c2hvcnQ=", List.of()));
    assertThrows(IllegalArgumentException.class, () -> new SecretCipher("not base64!", List.of()));
  }

  private static String key() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }
}
