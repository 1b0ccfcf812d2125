package io.agentry.localstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Points a {@code @QuarkusTest} at a real local stack that is started once per test JVM, on fresh
 * ports, and stopped when the JVM exits.
 *
 * <p>Init args: {@code components} (e.g. {@code "postgres,s3"}; all when absent) and {@code
 * database} (the service's database, one of {@link Endpoints#DATABASES}).
 */
public class LocalStackTestResource implements QuarkusTestResourceLifecycleManager {

  private static LocalStack shared;

  private Set<Component> components = Component.parseList(null);
  private String database;

  @Override
  public void init(Map<String, String> initArgs) {
    components = Component.parseList(initArgs.get("components"));
    database = initArgs.get("database");
  }

  @Override
  public Map<String, String> start() {
    return sharedStack(components).endpoints().quarkusConfig(database);
  }

  @Override
  public void stop() {
    // The stack outlives each application start; the JVM's shutdown hook stops it.
  }

  /** The stack of this JVM, started on first use with the given components. */
  public static synchronized LocalStack sharedStack(Set<Component> components) {
    if (shared == null) {
      Path home = Path.of("target", "local-stack", "run-" + ProcessHandle.current().pid());
      LocalStack stack =
          LocalStack.start(StackOptions.ephemeral(home.toAbsolutePath(), components));
      Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-stop"));
      shared = stack;
    } else if (!shared.servers().keySet().containsAll(components)) {
      throw new StackException(
          "the local stack of this JVM runs "
              + shared.servers().keySet()
              + " but a test asked for "
              + components);
    }
    return shared;
  }

  /** The endpoints of this JVM's stack, for test code that talks to the servers directly. */
  public static synchronized Endpoints endpoints() {
    if (shared == null) {
      throw new StackException("the local stack has not been started in this JVM");
    }
    return shared.endpoints();
  }
}
