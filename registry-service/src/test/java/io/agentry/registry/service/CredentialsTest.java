package io.agentry.registry.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentry.registry.problem.FieldError;
import io.agentry.registry.problem.InvalidCredentialsException;
import io.agentry.registry.problem.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CredentialsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void validCredentialsAreRead() throws Exception {
    Credentials credentials =
        Credentials.forRegistration(json("{\"username\":\"a.b_c-1\",\"password\":\"12345678\"}"));
    assertEquals("a.b_c-1", credentials.username());
    assertFalse(credentials.toString().contains("12345678"));
  }

  @Test
  void theUsernameRulesAreEnforced() throws Exception {
    for (String username : new String[] {"ab", "a".repeat(65), "has space", "ü-nicode"}) {
      assertEquals(
          List.of("username"),
          fields("{\"username\":\"" + username + "\",\"password\":\"12345678\"}"));
    }
  }

  @Test
  void thePasswordLengthCountsCharacters() throws Exception {
    assertEquals(List.of("password"), fields("{\"username\":\"abc\",\"password\":\"1234567\"}"));
    assertEquals(
        List.of("password"),
        fields("{\"username\":\"abc\",\"password\":\"" + "x".repeat(257) + "\"}"));
    Credentials.forRegistration(
        json("{\"username\":\"abc\",\"password\":\"" + "é".repeat(256) + "\"}"));
  }

  @Test
  void missingAndMistypedFieldsAreNamed() throws Exception {
    assertEquals(List.of("username", "password"), fields("{}"));
    assertEquals(List.of("username", "password"), fields("{\"username\":1,\"password\":true}"));
  }

  @Test
  void aLoginWithAUsernameNoUserCanHaveIsWrongCredentials() throws Exception {
    assertEquals(
        "abc", Credentials.forLogin(json("{\"username\":\"abc\",\"password\":\"x\"}")).username());
    for (String username : new String[] {"a\\u0000b", "ab", "x".repeat(65), "has space"}) {
      JsonNode body = json("{\"username\":\"" + username + "\",\"password\":\"12345678\"}");
      assertThrows(InvalidCredentialsException.class, () -> Credentials.forLogin(body));
    }
  }

  private static List<String> fields(String body) throws Exception {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> Credentials.forRegistration(json(body)));
    return e.errors().stream().map(FieldError::field).toList();
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }
}
