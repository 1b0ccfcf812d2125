package io.agentry.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class CredentialsTest {

  @Test
  void theAccessTokenIsRemovedAndTheRestOfTheQueryKept() {
    assertEquals("a=1&b=2", Credentials.queryWithoutToken("a=1&access_token=x&b=2"));
    assertNull(Credentials.queryWithoutToken("access_token=x"));
    assertNull(Credentials.queryWithoutToken(null));
    assertEquals("access_tokens=1", Credentials.queryWithoutToken("access_tokens=1"));
  }
}
