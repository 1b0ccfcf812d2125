package io.agentry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentry.client.model.AgentChanges;
import io.agentry.client.model.Task;
import io.agentry.client.model.TaskEvent;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void aPatchCarriesOnlyTheFieldsThatChange() throws Exception {
    assertEquals(
        "{\"status\":\"deprecated\"}",
        Json.MAPPER.writeValueAsString(new AgentChanges(null, null, null, "deprecated")));
  }

  @Test
  void bodiesKeepTheApiFieldNamesAndIsoTimes() throws Exception {
    UUID id = UUID.fromString("00000000-0000-0000-0000-000000000001");
    Instant at = Instant.parse("2026-12-07T10:00:00.123Z");
    assertEquals(
        "{\"taskId\":\""
            + id
            + "\",\"agentId\":\""
            + id
            + "\",\"status\":\"SUCCEEDED\","
            + "\"at\":\"2026-12-07T10:00:00.123Z\",\"attempt\":1}",
        Json.MAPPER.writeValueAsString(new TaskEvent(id, id, "SUCCEEDED", at, 1, null)));
    Task task =
        Json.MAPPER.readValue(
            "{\"taskId\":\"" + id + "\",\"status\":\"RUNNING\",\"attempts\":2,\"later\":true}",
            Task.class);
    assertEquals(new Task(id, null, "RUNNING", null, null, null, 2), task);
  }
}
