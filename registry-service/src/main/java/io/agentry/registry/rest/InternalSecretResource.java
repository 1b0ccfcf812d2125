package io.agentry.registry.rest;

import io.agentry.registry.config.RegistryConfig;
import io.agentry.registry.problem.ForbiddenException;
import io.agentry.registry.service.SecretService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /internal/agents/{id}/secrets}: the values of an agent's secrets, for an executor
 * about to run one of its versions. Only a caller presenting the executors' token ({@code
 * X-Agentry-Executor-Token}, {@code agentry.registry.secrets.executor-token}) gets them; without a
 * configured token nobody does. Never routed by the gateway.
 */
@Path("/internal/agents/{id}/secrets")
@Produces(MediaType.APPLICATION_JSON)
public class InternalSecretResource {

  /** The header executors present their token in. */
  public static final String TOKEN_HEADER = "X-Agentry-Executor-Token";

  private final SecretService secrets;
  private final Optional<byte[]> token;

  public InternalSecretResource(SecretService secrets, RegistryConfig config) {
    this.secrets = secrets;
    this.token = config.secrets().executorToken().map(t -> t.getBytes(StandardCharsets.UTF_8));
  }

  @GET
  public Uni<Map<String, String>> values(
      @PathParam("id") String id, @HeaderParam(TOKEN_HEADER) String presented) {
    if (token.isEmpty()
        || presented == null
        || !MessageDigest.isEqual(token.get(), presented.getBytes(StandardCharsets.UTF_8))) {
      throw new ForbiddenException("Only an executor with the executors' token reads secrets.");
    }
    return secrets.valuesForRun(Ids.agentId(id));
  }

  /**
   * {@code GET /internal/agents/{id}/secrets/names}: the names of the agent's secrets, without
   * their values, so that the gateway refuses a task whose env names one. Like every internal path
   * it is never routed by the gateway; names say nothing of the values, so it takes no token.
   */
  @GET
  @Path("/names")
  public Uni<SecretNames> names(@PathParam("id") String id) {
    return secrets.namesForSubmission(Ids.agentId(id)).map(SecretNames::new);
  }

  /** The names of an agent's secrets, in order. */
  public record SecretNames(List<String> names) {}
}
