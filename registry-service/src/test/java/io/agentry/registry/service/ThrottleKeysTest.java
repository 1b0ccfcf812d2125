package io.agentry.registry.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ThrottleKeysTest {

  @Test
  void anIpv4AddressIsItsOwnKey() {
    assertEquals("203.0.113.9", ThrottleKeys.address("203.0.113.9"));
    assertEquals("203.0.113.9", ThrottleKeys.address("::ffff:203.0.113.9"));
  }

  @Test
  void anIpv6AddressCountsWithTheRestOfItsSlash64() {
    assertEquals("2001:db8:0:12::/64", ThrottleKeys.address("2001:db8:0:12:aa::1"));
    assertEquals("2001:db8:0:12::/64", ThrottleKeys.address("[2001:db8:0:12:ffff:1:2:3]"));
    assertEquals("0:0:0:0::/64", ThrottleKeys.address("::1"));
  }

  @Test
  void somethingElseIsCutShort() {
    assertEquals("unknown", ThrottleKeys.address(null));
    assertEquals("x".repeat(64), ThrottleKeys.address("x".repeat(5000)));
  }

  @Test
  void aUsernameCountsInAnyLetterCaseAndANameNoAccountCanHaveNotAtAll() {
    assertEquals("alice.b", ThrottleKeys.username("Alice.B"));
    assertNull(ThrottleKeys.username("a".repeat(65)));
    assertNull(ThrottleKeys.username("has space"));
  }
}
