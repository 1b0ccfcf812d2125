package io.agentry.registry.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.agentry.registry.config.RegistryConfig;
import io.agentry.registry.problem.TooManyAttemptsException;
import io.agentry.registry.security.AttemptLimiter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Slows password guessing, account flooding and bcrypt spending: logins are limited per client
 * address and per username (failures, and all attempts), registrations per client address. Attempts
 * are counted before any password is hashed, so a refused one costs nothing and, on login, says
 * nothing about whether the user exists. A client address from which a user logged in successfully
 * is <em>known</em> for that user: it passes the username limits, so that failures from elsewhere
 * lock the attackers' addresses out of the username, never its owner.
 */
@ApplicationScoped
public class CredentialThrottle {

  private final boolean enabled;
  private final AttemptLimiter failuresByAddress;
  private final AttemptLimiter failuresByUsername;
  private final AttemptLimiter loginsByAddress;
  private final AttemptLimiter loginsByUsername;
  private final AttemptLimiter registrationsByAddress;
  private final Cache<String, Boolean> knownClients;

  @Inject
  public CredentialThrottle(RegistryConfig config) {
    this(config.throttle(), System::nanoTime);
  }

  CredentialThrottle(RegistryConfig.Throttle config, LongSupplier clock) {
    RegistryConfig.Throttle.Login login = config.login();
    RegistryConfig.Throttle.Register register = config.register();
    int maxKeys = config.maxKeys();
    this.enabled = config.enabled();
    this.failuresByAddress =
        new AttemptLimiter(login.addressFailures(), login.addressPeriod(), maxKeys, clock);
    this.failuresByUsername =
        new AttemptLimiter(login.usernameFailures(), login.usernamePeriod(), maxKeys, clock);
    this.loginsByAddress =
        new AttemptLimiter(login.addressAttempts(), login.addressAttemptsPeriod(), maxKeys, clock);
    this.loginsByUsername =
        new AttemptLimiter(
            login.usernameAttempts(), login.usernameAttemptsPeriod(), maxKeys, clock);
    this.registrationsByAddress =
        new AttemptLimiter(register.addressAttempts(), register.addressPeriod(), maxKeys, clock);
    this.knownClients =
        Caffeine.newBuilder()
            .maximumSize(maxKeys)
            .expireAfterWrite(login.knownClientRetention())
            .ticker(clock::getAsLong)
            .executor(Runnable::run)
            .build();
  }

  /**
   * Counts a login attempt, before its password is checked.
   *
   * @throws TooManyAttemptsException when the address or, for a client not known to the user, the
   *     username has no attempt left
   */
  public LoginAttempt startLogin(String address, String username) {
    if (!enabled) {
      return new LoginAttempt(null, null, null);
    }
    String addressKey = ThrottleKeys.address(address);
    String usernameKey = ThrottleKeys.username(username);
    boolean known = usernameKey != null && isKnown(usernameKey, addressKey);
    // A refused attempt costs nothing, so it gives back what it took before it was refused.
    List<Runnable> taken = new ArrayList<>();
    try {
      take(loginsByAddress, addressKey, "Too many logins from your address", taken);
      take(failuresByAddress, addressKey, "Too many failed logins from your address", taken);
      if (usernameKey != null && !known) {
        take(failuresByUsername, usernameKey, "Too many failed logins for this username", taken);
        take(loginsByUsername, usernameKey, "Too many logins for this username", taken);
      }
    } catch (TooManyAttemptsException e) {
      taken.forEach(Runnable::run);
      throw e;
    }
    return new LoginAttempt(addressKey, known ? null : usernameKey, usernameKey);
  }

  /**
   * Counts a registration attempt, before its password is hashed.
   *
   * @throws TooManyAttemptsException when the address has no attempt left
   */
  public void startRegistration(String address) {
    if (!enabled) {
      return;
    }
    take(
        registrationsByAddress,
        ThrottleKeys.address(address),
        "Too many registrations from your address",
        new ArrayList<>());
  }

  private boolean isKnown(String usernameKey, String addressKey) {
    return knownClients.getIfPresent(usernameKey + " " + addressKey) != null;
  }

  /** Takes an attempt of {@code key}, adding how to give it back to {@code taken}. */
  private static void take(
      AttemptLimiter limiter, String key, String reason, List<Runnable> taken) {
    Duration wait = limiter.tryAcquire(key);
    if (!wait.isZero()) {
      throw new TooManyAttemptsException(reason, wait);
    }
    taken.add(() -> limiter.release(key));
  }

  /** A counted login attempt; only a failed one keeps counting as a failure. */
  public final class LoginAttempt {

    private final String addressKey;
    private final String countedUsernameKey;
    private final String usernameKey;

    private LoginAttempt(String addressKey, String countedUsernameKey, String usernameKey) {
      this.addressKey = addressKey;
      this.countedUsernameKey = countedUsernameKey;
      this.usernameKey = usernameKey;
    }

    /** Uncounts the failure: the password was right (or it was never checked). */
    public void forgive() {
      if (addressKey != null) {
        failuresByAddress.release(addressKey);
      }
      if (countedUsernameKey != null) {
        failuresByUsername.release(countedUsernameKey);
      }
    }

    /** The password was right: forgives the failure and makes the address known to the user. */
    public void succeeded() {
      forgive();
      if (addressKey != null && usernameKey != null) {
        knownClients.put(usernameKey + " " + addressKey, Boolean.TRUE);
      }
    }
  }
}
