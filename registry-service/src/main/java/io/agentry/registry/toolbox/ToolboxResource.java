package io.agentry.registry.toolbox;

import io.agentry.registry.problem.NotFoundException;
import io.agentry.registry.security.CurrentCaller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The caller's toolbox: the agents their MCP clients see as tools (CONTRACT.md section 2). */
@Path("/users/me/toolbox")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ToolboxResource {

  private final Toolbox toolbox;
  private final CurrentCaller caller;

  public ToolboxResource(Toolbox toolbox, CurrentCaller caller) {
    this.toolbox = toolbox;
    this.caller = caller;
  }

  /** The toolbox as a complete list, oldest entry first. */
  public record Entries(List<ToolboxEntry> items) {}

  @GET
  @Operation(summary = "The caller's toolbox, oldest entry first, each with its tool name")
  public Uni<Entries> list() {
    return caller.get().chain(toolbox::list).map(Entries::new);
  }

  @PUT
  @Path("/{agentId}")
  @Operation(summary = "Add an active agent to the caller's toolbox")
  @APIResponse(responseCode = "201", description = "Added: {toolName, addedAt, agent}")
  @APIResponse(responseCode = "200", description = "It was there already")
  @APIResponse(responseCode = "404", description = "agent-not-found")
  @APIResponse(responseCode = "409", description = "agent-unavailable or toolbox-full")
  public Uni<Response> add(@PathParam("agentId") String agentId) {
    UUID id = agentId(agentId);
    return caller
        .get()
        .chain(who -> toolbox.add(who, id))
        .map(
            added ->
                Response.status(added.created() ? Response.Status.CREATED : Response.Status.OK)
                    .entity(added.entry())
                    .build());
  }

  @DELETE
  @Path("/{agentId}")
  @Operation(summary = "Remove an agent from the caller's toolbox")
  @APIResponse(responseCode = "204", description = "Removed")
  @APIResponse(responseCode = "404", description = "toolbox-entry-not-found")
  public Uni<Response> remove(@PathParam("agentId") String agentId) {
    UUID id = parse(agentId);
    if (id == null) {
      throw ToolboxException.notInToolbox(agentId);
    }
    return caller
        .get()
        .chain(who -> toolbox.remove(who, id))
        .map(done -> Response.noContent().build());
  }

  private static UUID agentId(String raw) {
    UUID id = parse(raw);
    if (id == null) {
      throw NotFoundException.agent(raw);
    }
    return id;
  }

  private static UUID parse(String raw) {
    try {
      return raw.length() == 36 ? UUID.fromString(raw) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
