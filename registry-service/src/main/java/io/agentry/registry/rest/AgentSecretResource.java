package io.agentry.registry.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.registry.repository.SecretRepository.SecretName;
import io.agentry.registry.security.CurrentCaller;
import io.agentry.registry.service.SecretService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /agents/{id}/secrets}: the owner sets, lists (names and update times, never values) and
 * removes the secrets of an agent's name.
 */
@Path("/agents/{id}/secrets")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class AgentSecretResource {

  private final SecretService secrets;
  private final CurrentCaller caller;

  public AgentSecretResource(SecretService secrets, CurrentCaller caller) {
    this.secrets = secrets;
    this.caller = caller;
  }

  @GET
  public Uni<Items<SecretName>> list(@PathParam("id") String id) {
    return caller.get().chain(who -> secrets.names(who, Ids.agentId(id))).map(Items::new);
  }

  @PUT
  @Path("/{name}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<SecretName> put(
      @PathParam("id") String id, @PathParam("name") String name, JsonNode body) {
    return caller.get().chain(who -> secrets.put(who, Ids.agentId(id), name, body));
  }

  @DELETE
  @Path("/{name}")
  public Uni<Void> delete(@PathParam("id") String id, @PathParam("name") String name) {
    return caller.get().chain(who -> secrets.delete(who, Ids.agentId(id), name));
  }
}
