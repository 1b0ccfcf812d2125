package io.agentry.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class CredentialsTest {

  /** Every way a query can say {@code access_token} to a server that decodes it. */
  private static final List<String> SPELLINGS =
      List.of(
          "access_token",
          "access%5Ftoken",
          "access%5ftoken",
          "%61ccess_token",
          "%61%63%63%65%73%73%5F%74%6F%6B%65%6E",
          "ACCESS_TOKEN",
          "Access%5FToken");

  @Test
  void theAccessTokenIsRemovedAndTheRestOfTheQueryKept() {
    assertEquals("a=1&b=2", Credentials.queryWithoutToken("a=1&access_token=x&b=2"));
    assertNull(Credentials.queryWithoutToken("access_token=x"));
    assertNull(Credentials.queryWithoutToken(null));
    assertEquals("access_tokens=1", Credentials.queryWithoutToken("access_tokens=1"));
  }

  @Test
  void theAccessTokenIsRemovedInEveryEncodingAndAfterASemicolon() {
    for (String name : SPELLINGS) {
      assertEquals(
          "a=1&b=2",
          Credentials.queryWithoutToken("a=1&" + name + "=agy_secret&b=2"),
          "kept: " + name);
      assertEquals("a=1", Credentials.queryWithoutToken("a=1;" + name + "=agy_secret"), name);
      assertNull(Credentials.queryWithoutToken(name + "=agy_secret&" + name + "=again"), name);
    }
  }

  @Test
  void everySpellingThatIsRemovedIsAlsoTheOneReadAsCredentials() {
    for (String name : SPELLINGS) {
      assertEquals("agy_secret", Credentials.accessToken("a=1&" + name + "=agy%5Fsecret"), name);
    }
    assertNull(Credentials.accessToken("access_tokens=agy_secret"));
    assertNull(Credentials.accessToken(null));
  }

  @Test
  void aParameterWhoseNameCannotBeDecodedIsNotForwarded() {
    assertEquals("a=1", Credentials.queryWithoutToken("a=1&access%5=x"));
  }
}
