package io.agentry.registry.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentry.registry.config.RegistryConfig;
import io.agentry.registry.problem.ProblemType;
import io.agentry.registry.problem.TooManyAttemptsException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CredentialThrottleTest {

  private long now = 0;
  private final CredentialThrottle throttle = new CredentialThrottle(limits(true), () -> now);

  @Test
  void failedLoginsForOneUsernameAreLimitedWhateverTheAddress() {
    for (int i = 0; i < 3; i++) {
      throttle.startLogin("203.0.113." + i, "alice");
    }
    TooManyAttemptsException refused =
        assertThrows(
            TooManyAttemptsException.class, () -> throttle.startLogin("203.0.113.9", "ALICE"));
    assertEquals(ProblemType.RATE_LIMITED, refused.type());
    assertEquals(1200, refused.retryAfterSeconds());
    assertEquals(
        "Too many failed logins for this username; try again in 20 minutes.", refused.getMessage());
    throttle.startLogin("203.0.113.9", "bob");
  }

  @Test
  void failedLoginsFromOneAddressAreLimitedWhateverTheUsername() {
    for (int i = 0; i < 4; i++) {
      throttle.startLogin("203.0.113.1", "user" + i);
    }
    TooManyAttemptsException refused =
        assertThrows(
            TooManyAttemptsException.class, () -> throttle.startLogin("203.0.113.1", "user9"));
    assertEquals(
        "Too many failed logins from your address; try again in 15 seconds.", refused.getMessage());
    throttle.startLogin("203.0.113.2", "user9");
  }

  @Test
  void aSuccessfulLoginIsForgiven() {
    for (int i = 0; i < 7; i++) {
      throttle.startLogin("203.0.113.1", "alice").succeeded();
    }
    throttle.startLogin("203.0.113.1", "alice");
  }

  @Test
  void aLoginRefusedForItsUsernameDoesNotCountAgainstTheAddress() {
    for (int i = 0; i < 3; i++) {
      throttle.startLogin("203.0.113." + i, "alice");
    }
    for (int i = 0; i < 10; i++) {
      assertThrows(
          TooManyAttemptsException.class, () -> throttle.startLogin("203.0.113.1", "alice"));
    }
    throttle.startLogin("203.0.113.1", "bob");
  }

  @Test
  void registrationsFromOneAddressAreLimitedAndForgivenOverTime() {
    for (int i = 0; i < 2; i++) {
      throttle.startRegistration("203.0.113.1");
    }
    TooManyAttemptsException refused =
        assertThrows(
            TooManyAttemptsException.class, () -> throttle.startRegistration("203.0.113.1"));
    assertEquals(1800, refused.retryAfterSeconds());
    throttle.startRegistration("203.0.113.2");
    now += Duration.ofMinutes(30).toNanos();
    throttle.startRegistration("203.0.113.1");
  }

  @Test
  void offMeansNoLimit() {
    CredentialThrottle off = new CredentialThrottle(limits(false), () -> now);
    for (int i = 0; i < 100; i++) {
      off.startLogin("203.0.113.1", "alice");
      off.startRegistration("203.0.113.1");
    }
  }

  @Test
  void successfulLoginsAreBoundedPerAddress() {
    for (int i = 0; i < 8; i++) {
      throttle.startLogin("203.0.113.7", "user" + i).succeeded();
    }
    TooManyAttemptsException refused =
        assertThrows(
            TooManyAttemptsException.class, () -> throttle.startLogin("203.0.113.7", "alice"));
    assertTrue(refused.getMessage().contains("Too many logins from your address"));
  }

  @Test
  void successfulLoginsAreBoundedPerUsernameFromUnknownClients() {
    for (int i = 0; i < 6; i++) {
      throttle.startLogin("203.0.113." + i, "alice").forgive();
    }
    TooManyAttemptsException refused =
        assertThrows(
            TooManyAttemptsException.class, () -> throttle.startLogin("203.0.113.99", "alice"));
    assertTrue(refused.getMessage().contains("Too many logins for this username"));
  }

  @Test
  void aLockedUsernameStillLetsItsOwnerInFromAnAddressTheyLoggedInFrom() {
    throttle.startLogin("198.51.100.1", "alice").succeeded();
    for (int i = 0; i < 3; i++) {
      throttle.startLogin("203.0.113." + i, "alice");
    }
    assertThrows(TooManyAttemptsException.class, () -> throttle.startLogin("203.0.113.9", "alice"));

    throttle.startLogin("198.51.100.1", "alice").succeeded();
  }

  @Test
  void aKnownClientIsForgottenAfterItsRetention() {
    throttle.startLogin("198.51.100.1", "alice").succeeded();
    for (int i = 0; i < 3; i++) {
      throttle.startLogin("203.0.113." + i, "alice");
    }
    now += Duration.ofDays(31).toNanos();
    for (int i = 0; i < 3; i++) {
      throttle.startLogin("203.0.113." + (10 + i), "alice");
    }
    assertThrows(
        TooManyAttemptsException.class, () -> throttle.startLogin("198.51.100.1", "alice"));
  }

  @Test
  void aThrottledLoginTouchesNeitherTheDatabaseNorThePasswordHasher() {
    for (int i = 0; i < 3; i++) {
      throttle.startLogin("203.0.113.1", "alice");
    }
    // No pool, repository or hasher: using any of them would fail with another exception.
    UserService users = new UserService(null, null, null, null, null, throttle, null);
    TooManyAttemptsException refused =
        assertThrows(
            TooManyAttemptsException.class,
            () -> users.login(new Credentials("alice", "a guess"), "203.0.113.1"));
    assertTrue(refused.getMessage().contains("this username"));
  }

  /**
   * Logins: 4 failures and 8 attempts a minute per address, 3 failures and 6 attempts an hour per
   * username; registrations 2 an hour.
   */
  private static RegistryConfig.Throttle limits(boolean enabled) {
    RegistryConfig.Throttle.Login login =
        new RegistryConfig.Throttle.Login() {
          @Override
          public int addressFailures() {
            return 4;
          }

          @Override
          public Duration addressPeriod() {
            return Duration.ofMinutes(1);
          }

          @Override
          public int usernameFailures() {
            return 3;
          }

          @Override
          public Duration usernamePeriod() {
            return Duration.ofHours(1);
          }

          @Override
          public int addressAttempts() {
            return 8;
          }

          @Override
          public Duration addressAttemptsPeriod() {
            return Duration.ofMinutes(1);
          }

          @Override
          public int usernameAttempts() {
            return 6;
          }

          @Override
          public Duration usernameAttemptsPeriod() {
            return Duration.ofHours(1);
          }

          @Override
          public Duration knownClientRetention() {
            return Duration.ofDays(30);
          }
        };
    RegistryConfig.Throttle.Register register =
        new RegistryConfig.Throttle.Register() {
          @Override
          public int addressAttempts() {
            return 2;
          }

          @Override
          public Duration addressPeriod() {
            return Duration.ofHours(1);
          }
        };
    return new RegistryConfig.Throttle() {
      @Override
      public boolean enabled() {
        return enabled;
      }

      @Override
      public Login login() {
        return login;
      }

      @Override
      public Register register() {
        return register;
      }

      @Override
      public int maxKeys() {
        return 1000;
      }
    };
  }
}
