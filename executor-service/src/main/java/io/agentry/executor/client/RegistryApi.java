package io.agentry.executor.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/** The registry's internal agent lookup (not routed by the gateway). */
@Path("/internal/agents")
public interface RegistryApi {

  /**
   * The agent with that id; with {@code binaryHash}, also the version holding that binary.
   *
   * @throws jakarta.ws.rs.WebApplicationException on any answer but 2xx (404 for an unknown agent)
   * @throws jakarta.ws.rs.ProcessingException when the registry did not answer in time
   */
  @GET
  @Path("/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  RegisteredAgent get(@PathParam("id") UUID id, @QueryParam("binaryHash") String binaryHash);

  /**
   * The values of the agent's secrets, for a run; only with the executors' token.
   *
   * @throws jakarta.ws.rs.WebApplicationException on any answer but 2xx (403 without the token)
   * @throws jakarta.ws.rs.ProcessingException when the registry did not answer in time
   */
  @GET
  @Path("/{id}/secrets")
  @Produces(MediaType.APPLICATION_JSON)
  java.util.Map<String, String> secrets(
      @PathParam("id") UUID id,
      @jakarta.ws.rs.HeaderParam("X-Agentry-Executor-Token") String token);
}
