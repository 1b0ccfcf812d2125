package io.agentry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class AgentReferenceTest {

  @Test
  void anIdIsAnId() {
    UUID id = UUID.randomUUID();
    assertEquals(new AgentReference(id, null, null, null), AgentReference.parse(id.toString()));
  }

  @Test
  void namesWithHyphensDotsUnderscoresAndDigitsAreNames() {
    for (String name :
        new String[] {"json-pretty-v2", "cli-1796662855", "text_tools.v1", "7zip", "a"}) {
      assertEquals(new AgentReference(null, null, name, null), AgentReference.parse(name));
    }
  }

  @Test
  void anOwnerAndAVersionAreOptional() {
    assertEquals(
        new AgentReference(null, "alice.b-2", "json-pretty-v2", null),
        AgentReference.parse("alice.b-2/json-pretty-v2"));
    assertEquals(
        new AgentReference(null, "Alice_1", "cli-1796662855", "1.2.0-rc.1+build.5"),
        AgentReference.parse("Alice_1/cli-1796662855@1.2.0-rc.1+build.5"));
    assertEquals(
        new AgentReference(null, null, "wordcount", "1.0.0"),
        AgentReference.parse("wordcount@1.0.0"));
    assertEquals("alice/wordcount@1.0.0", AgentReference.parse("alice/wordcount@1.0.0").toString());
  }

  @Test
  void malformedReferencesAreUsageErrors() {
    for (String text :
        new String[] {
          "", "Upper", "a/b/c", "al/x", "alice/", "/x", "x@", "-x", "x y", "alice/x@1.0 0"
        }) {
      CliException e = assertThrows(CliException.class, () -> AgentReference.parse(text), text);
      assertEquals(CliException.USAGE, e.exitCode(), text);
    }
  }

  @Test
  void aTaskIdMustBeAUuid() {
    UUID id = UUID.randomUUID();
    assertEquals(id, AgentReference.taskId(id.toString()));
    CliException e = assertThrows(CliException.class, () -> AgentReference.taskId("abc"));
    assertEquals("a task id is a UUID, not 'abc'", e.getMessage());
    assertEquals(CliException.USAGE, e.exitCode());
  }
}
