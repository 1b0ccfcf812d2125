package io.agentry.registry.security;

import io.agentry.registry.config.RegistryConfig;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Bcrypt password hashes, computed on a worker thread. Bcrypt reads only 72 bytes, so it is given
 * the base64 SHA-256 of the password (44 characters): every character of a long password counts.
 */
@ApplicationScoped
public class PasswordHasher {

  private final int cost;
  private final String dummyHash;

  public PasswordHasher(RegistryConfig config) {
    this.cost = config.auth().bcryptCost();
    this.dummyHash = BcryptUtil.bcryptHash(prehash("not a real password"), cost);
  }

  public Uni<String> hash(String password) {
    return Uni.createFrom()
        .item(() -> BcryptUtil.bcryptHash(prehash(password), cost))
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }

  /**
   * Checks a password against a stored hash, or against a dummy hash when there is none, so that an
   * unknown username takes as long as a wrong password.
   */
  public Uni<Boolean> matches(String password, String storedHashOrNull) {
    String hash = storedHashOrNull == null ? dummyHash : storedHashOrNull;
    return Uni.createFrom()
        .item(() -> BcryptUtil.matches(prehash(password), hash) && storedHashOrNull != null)
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }

  private static String prehash(String password) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
