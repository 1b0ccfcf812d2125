package io.agentry.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PackagedServiceTest {

  @Test
  void findsThePackagedJarOfASiblingModule() {
    // local-stack-servers is a plain jar module: it has a pom.xml but never a quarkus-app.
    StackException error =
        assertThrows(
            StackException.class, () -> PackagedService.packagedJar("local-stack-servers"));
    assertTrue(error.getMessage().contains("mvn -pl local-stack-servers -am package"));
  }

  @Test
  void refusesAModuleThatDoesNotExist() {
    StackException error =
        assertThrows(StackException.class, () -> PackagedService.start("no-such-module", Map.of()));
    assertEquals(true, error.getMessage().startsWith("no module directory no-such-module"));
  }
}
