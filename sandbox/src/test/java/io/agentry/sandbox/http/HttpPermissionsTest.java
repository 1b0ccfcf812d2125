package io.agentry.sandbox.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The origins an agent declares, how they are validated and how they match a URL. */
class HttpPermissionsTest {

  private final HttpPermissions permissions =
      HttpPermissions.of(
          List.of("https://api.example.com", "https://*.example.org", "http://127.0.0.1:8089"));

  @Test
  void anExactOriginMatchesOnlyItsSchemeHostAndPort() {
    assertTrue(permissions.permits(URI.create("https://api.example.com/v1/chat?x=1")));
    assertTrue(permissions.permits(URI.create("https://API.example.com:443/")));
    assertFalse(permissions.permits(URI.create("http://api.example.com/")));
    assertFalse(permissions.permits(URI.create("https://api.example.com:8443/")));
    assertFalse(permissions.permits(URI.create("https://api.example.com.evil.net/")));
    assertFalse(permissions.permits(URI.create("https://evilapi.example.com/")));
  }

  @Test
  void aWildcardMatchesSubdomainsButNotTheDomainItself() {
    assertTrue(permissions.permits(URI.create("https://docs.example.org/")));
    assertTrue(permissions.permits(URI.create("https://a.b.example.org/")));
    assertFalse(permissions.permits(URI.create("https://example.org/")));
    assertFalse(permissions.permits(URI.create("https://notexample.org/")));
  }

  @Test
  void aPortIsPartOfTheOrigin() {
    assertTrue(permissions.permits(URI.create("http://127.0.0.1:8089/x")));
    assertFalse(permissions.permits(URI.create("http://127.0.0.1/x")));
  }

  @Test
  void malformedOriginsAreRefusedWithAReason() {
    for (String bad :
        List.of(
            "api.example.com",
            "ftp://example.com",
            "https://example.com/path",
            "https://example.com/",
            "https://user@example.com",
            "https://*example.com",
            "https://*.*.example.com",
            "https://exa_mple.com",
            "https://example.com:0",
            "https://example.com:70000",
            "https://example.com?q",
            "")) {
      assertNotNull(HttpPermissions.problem(bad), bad);
    }
    assertNull(HttpPermissions.problem("http://[::1]:8080"));
    assertNull(HttpPermissions.problem("https://*.example.org"));
  }

  @Test
  void atMostThirtyTwoOriginsAreAccepted() {
    assertEquals(
        32, HttpPermissions.of(Collections.nCopies(32, "https://a.example")).origins().size());
    assertThrows(
        IllegalArgumentException.class,
        () -> HttpPermissions.of(Collections.nCopies(33, "https://a.example")));
  }

  @Test
  void originsAreShownNormalized() {
    assertEquals(
        List.of("https://api.example.com", "https://*.example.org", "http://127.0.0.1:8089"),
        permissions.origins());
    assertEquals(
        List.of("https://api.example.com"),
        HttpPermissions.of(List.of("https://API.Example.com:443")).origins());
  }
}
