package io.agentry.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.agentry.gateway.problem.GatewayException;
import io.agentry.gateway.problem.ProblemType;
import org.junit.jupiter.api.Test;

class AddressRateLimiterTest {

  @Test
  void anAddressGetsItsBurstThenIsRefusedWhileAnotherAddressIsNot() {
    AddressRateLimiter limiter = new AddressRateLimiter(true, 1, 5, 100);
    for (int i = 0; i < 5; i++) {
      limiter.acquire("192.0.2.1");
    }

    GatewayException refused =
        assertThrows(GatewayException.class, () -> limiter.acquire("192.0.2.1"));
    assertEquals(ProblemType.RATE_LIMITED, refused.type());
    limiter.acquire("192.0.2.2");
  }

  @Test
  void turningTheRateLimitOffLiftsTheAnonymousLimitToo() {
    AddressRateLimiter limiter = new AddressRateLimiter(false, 1, 5, 100);
    for (int i = 0; i < 1_000; i++) {
      limiter.acquire("192.0.2.1");
    }
  }
}
