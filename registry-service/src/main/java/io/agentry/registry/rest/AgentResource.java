package io.agentry.registry.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentry.registry.Agent;
import io.agentry.registry.Page;
import io.agentry.registry.security.CurrentCaller;
import io.agentry.registry.service.AgentCatalog;
import io.agentry.registry.service.AgentMetadata;
import io.agentry.registry.service.AgentPatch;
import io.agentry.registry.service.AgentPublisher;
import io.agentry.registry.service.AgentQuery;
import io.agentry.registry.service.AgentService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;

/**
 * The marketplace (docs/contract.md section 2, "Agents"); the binary and ratings have their own.
 * The reads anyone may make (lists, one agent, its versions) need no caller; everything else does.
 */
@Path("/agents")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class AgentResource {

  private final AgentService agents;
  private final AgentCatalog catalog;
  private final AgentPublisher publisher;
  private final CurrentCaller caller;
  private final ObjectMapper json;

  public AgentResource(
      AgentService agents,
      AgentCatalog catalog,
      AgentPublisher publisher,
      CurrentCaller caller,
      ObjectMapper json) {
    this.agents = agents;
    this.catalog = catalog;
    this.publisher = publisher;
    this.caller = caller;
    this.json = json;
  }

  @POST
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  public Uni<Response> upload(MultipartFormDataInput input) {
    return caller
        .get()
        .chain(
            owner -> {
              AgentUploadParts parts = AgentUploadParts.from(input);
              return publisher.publish(
                  owner, AgentMetadata.parse(parts.metadata(), json), parts.binary());
            })
        .map(
            agent ->
                Response.created(URI.create(Agent.publicPath(agent.id()))).entity(agent).build());
  }

  @PermitAll
  @GET
  public Uni<Page<Agent>> list(
      @QueryParam("name") String name,
      @QueryParam("ownerName") String ownerName,
      @QueryParam("version") String version,
      @QueryParam("status") String status,
      @QueryParam("capability") List<String> capabilities,
      @QueryParam("owner") String owner,
      @QueryParam("sort") String sort,
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor) {
    return Uni.createFrom()
        .item(
            () ->
                AgentQuery.list(
                    new AgentQuery.Exact(name, ownerName, version),
                    status,
                    capabilities,
                    owner,
                    sort,
                    limit,
                    cursor))
        .chain(catalog::find);
  }

  @PermitAll
  @GET
  @Path("/search")
  public Uni<Page<Agent>> search(
      @QueryParam("q") String q,
      @QueryParam("capability") List<String> capabilities,
      @QueryParam("maxPrice") String maxPrice,
      @QueryParam("minRating") String minRating,
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor) {
    return Uni.createFrom()
        .item(() -> AgentQuery.search(q, capabilities, maxPrice, minRating, limit, cursor))
        .chain(catalog::find);
  }

  @PermitAll
  @GET
  @Path("/{id}")
  public Uni<Agent> get(@PathParam("id") String id) {
    return agents.get(Ids.agentId(id));
  }

  @PermitAll
  @GET
  @Path("/{id}/versions")
  public Uni<Page<Agent>> versions(
      @PathParam("id") String id,
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor) {
    return Uni.createFrom()
        .item(() -> Ids.agentId(id))
        .chain(agentId -> catalog.versions(agentId, limit, cursor));
  }

  @PATCH
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Agent> update(@PathParam("id") String id, JsonNode body) {
    return Uni.createFrom()
        .item(() -> AgentPatch.parse(body))
        .chain(patch -> caller.get().chain(who -> agents.update(who, Ids.agentId(id), patch)));
  }

  @DELETE
  @Path("/{id}")
  public Uni<Response> delete(@PathParam("id") String id) {
    return caller
        .get()
        .chain(who -> agents.disable(who, Ids.agentId(id)))
        .map(done -> Response.noContent().build());
  }
}
