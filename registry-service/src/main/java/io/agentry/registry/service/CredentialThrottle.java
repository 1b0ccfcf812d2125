package io.agentry.registry.service;

import io.agentry.registry.config.RegistryConfig;
import io.agentry.registry.problem.TooManyAttemptsException;
import io.agentry.registry.security.AttemptLimiter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Slows password guessing and account flooding: failed logins are limited per client address and
 * per username, registrations per client address. Attempts are counted before any password is
 * hashed, so a refused one costs nothing and, on login, says nothing about whether the user exists.
 */
@ApplicationScoped
public class CredentialThrottle {

  private final boolean enabled;
  private final AttemptLimiter loginsByAddress;
  private final AttemptLimiter loginsByUsername;
  private final AttemptLimiter registrationsByAddress;

  @Inject
  public CredentialThrottle(RegistryConfig config) {
    this(config.throttle(), System::nanoTime);
  }

  CredentialThrottle(RegistryConfig.Throttle config, LongSupplier clock) {
    RegistryConfig.Throttle.Login login = config.login();
    RegistryConfig.Throttle.Register register = config.register();
    this.enabled = config.enabled();
    this.loginsByAddress =
        new AttemptLimiter(login.addressFailures(), login.addressPeriod(), config.maxKeys(), clock);
    this.loginsByUsername =
        new AttemptLimiter(
            login.usernameFailures(), login.usernamePeriod(), config.maxKeys(), clock);
    this.registrationsByAddress =
        new AttemptLimiter(
            register.addressAttempts(), register.addressPeriod(), config.maxKeys(), clock);
  }

  /**
   * Counts a login attempt, before its password is checked.
   *
   * @throws TooManyAttemptsException when the address or the username has no attempt left
   */
  public LoginAttempt startLogin(String address, String username) {
    if (!enabled) {
      return new LoginAttempt(null, null);
    }
    String addressKey = ThrottleKeys.address(address);
    Duration wait = loginsByAddress.tryAcquire(addressKey);
    if (!wait.isZero()) {
      throw new TooManyAttemptsException("Too many failed logins from your address", wait);
    }
    String usernameKey = ThrottleKeys.username(username);
    if (usernameKey != null) {
      wait = loginsByUsername.tryAcquire(usernameKey);
      if (!wait.isZero()) {
        loginsByAddress.release(addressKey);
        throw new TooManyAttemptsException("Too many failed logins for this username", wait);
      }
    }
    return new LoginAttempt(addressKey, usernameKey);
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
    Duration wait = registrationsByAddress.tryAcquire(ThrottleKeys.address(address));
    if (!wait.isZero()) {
      throw new TooManyAttemptsException("Too many registrations from your address", wait);
    }
  }

  /** A counted login attempt; only a failed one keeps counting. */
  public final class LoginAttempt {

    private final String addressKey;
    private final String usernameKey;

    private LoginAttempt(String addressKey, String usernameKey) {
      this.addressKey = addressKey;
      this.usernameKey = usernameKey;
    }

    /** Uncounts the attempt: the password was right (or it was never checked). */
    public void forgive() {
      if (addressKey != null) {
        loginsByAddress.release(addressKey);
      }
      if (usernameKey != null) {
        loginsByUsername.release(usernameKey);
      }
    }
  }
}
