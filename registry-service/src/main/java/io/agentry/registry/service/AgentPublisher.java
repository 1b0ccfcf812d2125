package io.agentry.registry.service;

import io.agentry.registry.Agent;
import io.agentry.registry.Caller;
import io.agentry.registry.problem.ConflictException;
import io.agentry.registry.problem.StorageUnavailableException;
import io.agentry.registry.repository.AgentRepository;
import io.agentry.registry.repository.NewAgent;
import io.agentry.registry.storage.BlobStore;
import io.agentry.sandbox.InspectedBinary;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Publishes an uploaded agent: the binary is inspected and hashed, stored once under its hash, and
 * its row written, all without leaving an orphan binary behind.
 *
 * <p>Orphans are prevented by compensation. The upload's transaction holds a shared advisory lock
 * on the hash from before the binary is stored until the row commits. If the row cannot be written,
 * a second transaction takes that lock exclusively, which waits for every concurrent upload of the
 * same binary to commit or fail, and removes the binary only if no row references it.
 */
@ApplicationScoped
public class AgentPublisher {

  private static final Logger LOG = Logger.getLogger(AgentPublisher.class);

  private final Pool pool;
  private final AgentRepository agents;
  private final BlobStore blobs;
  private final WasmInspector inspector;

  public AgentPublisher(
      Pool pool, AgentRepository agents, BlobStore blobs, WasmInspector inspector) {
    this.pool = pool;
    this.agents = agents;
    this.blobs = blobs;
    this.inspector = inspector;
  }

  public Uni<Agent> publish(Caller owner, AgentMetadata metadata, Path binary) {
    return Uni.createFrom()
        .item(() -> inspector.inspect(binary))
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
        .chain(inspected -> store(owner, metadata, binary, inspected));
  }

  private Uni<Agent> store(
      Caller owner, AgentMetadata metadata, Path binary, InspectedBinary inspected) {
    UUID id = UUID.randomUUID();
    NewAgent row =
        new NewAgent(
            id,
            owner.id(),
            metadata.name(),
            metadata.description(),
            metadata.version().toString(),
            metadata.version().sortKey(),
            metadata.capabilities(),
            metadata.permissions().http(),
            metadata.price(),
            Agent.publicPath(id) + "/binary",
            inspected.sha256(),
            inspected.size(),
            metadata.inputSchema());
    AtomicBoolean stored = new AtomicBoolean();
    return pool.withTransaction(
            tx ->
                agents
                    .lockHashShared(tx, inspected.sha256())
                    .chain(() -> putBlob(binary, inspected))
                    .invoke(() -> stored.set(true))
                    .chain(() -> agents.insert(tx, row)))
        .onFailure(failure -> stored.get())
        .call(failure -> removeIfUnreferenced(inspected.sha256()))
        .onFailure(AgentRepository::isVersionConflict)
        .transform(
            failure ->
                ConflictException.versionExists(metadata.name(), metadata.version().toString()));
  }

  private Uni<Void> putBlob(Path binary, InspectedBinary inspected) {
    return Uni.createFrom()
        .item(() -> blobs.put(binary, inspected.sha256(), inspected.size()))
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
        .replaceWithVoid();
  }

  /**
   * Removes the binary unless an agent row references it, waiting first for any upload of the same
   * binary that is still in flight. Never fails: a failed clean-up is logged.
   */
  Uni<Void> removeIfUnreferenced(String sha256) {
    return pool.withTransaction(
            tx ->
                agents
                    .lockHashExclusive(tx, sha256)
                    .chain(() -> agents.isHashReferenced(tx, sha256))
                    .chain(
                        referenced ->
                            referenced
                                ? Uni.createFrom().voidItem()
                                : Uni.createFrom()
                                    .item(
                                        () -> {
                                          blobs.delete(sha256);
                                          return (Void) null;
                                        })
                                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())))
        .onFailure()
        .recoverWithUni(
            failure -> {
              LOG.warnf(
                  "Could not remove the unreferenced binary %s after a failed upload: %s",
                  sha256,
                  failure instanceof StorageUnavailableException
                      ? String.valueOf(failure.getCause())
                      : failure.toString());
              return Uni.createFrom().voidItem();
            });
  }
}
