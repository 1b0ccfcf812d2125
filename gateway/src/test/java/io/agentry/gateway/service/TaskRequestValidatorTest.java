package io.agentry.gateway.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentry.gateway.problem.FieldError;
import io.agentry.gateway.problem.GatewayException;
import io.agentry.gateway.problem.ProblemType;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TaskRequestValidatorTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String AGENT = UUID.randomUUID().toString();

  @Test
  void appliesTheContractsDefaults() throws Exception {
    TaskRequest request = TaskRequestValidator.validate(json("{\"agentId\":\"" + AGENT + "\"}"));
    assertEquals(30_000, request.timeoutMs());
    assertEquals(64, request.maxMemoryMb());
    assertArrayEquals(new byte[0], request.input());
    assertEquals(List.of(), request.args());
  }

  @Test
  void refusesInputAndInputBase64Together() throws Exception {
    GatewayException e =
        assertThrows(
            GatewayException.class,
            () ->
                TaskRequestValidator.validate(
                    json(
                        "{\"agentId\":\""
                            + AGENT
                            + "\",\"input\":\"a\",\"inputBase64\":\"YQ==\"}")));
    assertEquals(ProblemType.INVALID_TASK, e.type());
    assertEquals("inputBase64", e.errors().get(0).field());
  }

  @Test
  void checksBoundsAndTypes() throws Exception {
    GatewayException e =
        assertThrows(
            GatewayException.class,
            () ->
                TaskRequestValidator.validate(
                    json(
                        "{\"agentId\":\""
                            + AGENT
                            + "\",\"timeoutMs\":300001,\"maxMemoryMb\":1.5,"
                            + "\"args\":[\"a\\u0000b\"],\"env\":{\"\":\"x\"},\"inputBase64\":\"%%\"}")));
    assertEquals(
        List.of("inputBase64", "args[0]", "env.", "timeoutMs", "maxMemoryMb"),
        e.errors().stream().map(FieldError::field).toList());
  }

  @Test
  void aDecodedInputOverOneMebibyteIsTooLarge() throws Exception {
    String base64 = java.util.Base64.getEncoder().encodeToString(new byte[1024 * 1024 + 1]);
    GatewayException e =
        assertThrows(
            GatewayException.class,
            () ->
                TaskRequestValidator.validate(
                    json("{\"agentId\":\"" + AGENT + "\",\"inputBase64\":\"" + base64 + "\"}")));
    assertEquals(ProblemType.INPUT_TOO_LARGE, e.type());
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }
}
