package io.agentry.registry.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentry.registry.problem.FieldError;
import io.agentry.registry.problem.InvalidInputException;
import io.agentry.registry.problem.ProblemType;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentMetadataTest {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  @Test
  void validMetadataIsRead() throws Exception {
    AgentMetadata metadata =
        AgentMetadata.parse(
            JSON.readTree(
                "{\"name\":\"my.agent_1-x\",\"description\":\"\",\"version\":\"1.2.3\","
                    + "\"capabilities\":[\"text:summarize\",\"a.b_c-d\"],\"price\":19.9}"));
    assertEquals("my.agent_1-x", metadata.name());
    assertEquals("1.2.3", metadata.version().toString());
    assertEquals(List.of("text:summarize", "a.b_c-d"), metadata.capabilities());
    assertEquals(new BigDecimal("19.90"), metadata.price());
  }

  @Test
  void optionalFieldsHaveDefaults() throws Exception {
    AgentMetadata metadata =
        AgentMetadata.parse(
            JSON.readTree("{\"name\":\"a\",\"description\":\"d\",\"version\":\"0.1.0\"}"));
    assertEquals(List.of(), metadata.capabilities());
    assertEquals(new BigDecimal("0.00"), metadata.price());
  }

  @Test
  void thePriceMustBeANonNegativeNumberWithTwoDecimals() throws Exception {
    for (String price : List.of("-1", "0.001", "\"5\"", "null", "100000000", "1e-3")) {
      assertEquals(List.of("price"), fields("\"price\":" + price));
    }
    for (String price : List.of("0", "0.5", "99999999.99", "1.10", "1e2")) {
      AgentMetadata.parse(body("\"price\":" + price));
    }
  }

  @Test
  void capabilitiesAreCheckedOneByOne() throws Exception {
    assertEquals(
        List.of("capabilities[1]", "capabilities[2]"),
        fields("\"capabilities\":[\"ok\",\"Not-ok\",\"ok\"]"));
    assertEquals(List.of("capabilities[0]"), fields("\"capabilities\":[1]"));
    assertEquals(List.of("capabilities"), fields("\"capabilities\":\"text\""));
    StringBuilder many = new StringBuilder("\"capabilities\":[");
    for (int i = 0; i < 33; i++) {
      many.append(i == 0 ? "" : ",").append("\"c").append(i).append('"');
    }
    assertEquals(List.of("capabilities"), fields(many.append(']').toString()));
  }

  @Test
  void unknownFieldsAreNamed() throws Exception {
    assertEquals(List.of("capabilites"), fields("\"capabilites\":[]"));
  }

  @Test
  void aBodyThatIsNotAnObjectIsInvalidMetadata() throws Exception {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> AgentMetadata.parse(JSON.readTree("[]")));
    assertEquals(ProblemType.INVALID_METADATA, e.type());
  }

  @Test
  void aDescriptionMustBeTextTheDatabaseCanKeep() throws Exception {
    assertEquals(List.of("description"), fields("\"description\":\"a\\u0000b\""));
    assertEquals(List.of("description"), fields("\"description\":\"a\\ud800b\""));
    assertEquals(List.of("description"), fields("\"description\":\"\\udc00\""));
    AgentMetadata.parse(body("\"description\":\"\\ud83d\\ude00 pairs are fine\""));
  }

  private static JsonNode body(String extra) throws Exception {
    return JSON.readTree(
        "{\"name\":\"a\",\"description\":\"d\",\"version\":\"1.0.0\"," + extra + "}");
  }

  private static List<String> fields(String extra) throws Exception {
    JsonNode body = body(extra);
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> AgentMetadata.parse(body));
    return e.errors().stream().map(FieldError::field).toList();
  }

  /** Found by fuzzing: Jackson reports such a number with an unchecked exception, once a 500. */
  @Test
  void aNumberWithAnExponentBeyond32BitsIsInvalidMetadata() {
    ObjectMapper mapper = new ObjectMapper();
    new io.agentry.registry.rest.JsonConfig().customize(mapper);
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                AgentMetadata.parse(
                    "{\"name\":\"a\",\"description\":\"\",\"version\":\"1.0.0\","
                        + "\"price\":1E9999999999}",
                    mapper));
    assertEquals(ProblemType.INVALID_METADATA, e.type());
  }

  @Test
  void metadataTextThatIsNotJsonIsInvalidMetadata() {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> AgentMetadata.parse("{\"name\": ", JSON));
    assertEquals(ProblemType.INVALID_METADATA, e.type());
    assertTrue(e.getMessage().startsWith("The metadata part is not valid JSON"), e.getMessage());
  }

  @Test
  void aDescriptionWithANulCharacterIsRefused() throws Exception {
    assertEquals(List.of("description"), fields("\"description\":\"a\\u0000b\""));
  }
}
