package io.agentry.registry.rest;

import io.agentry.registry.problem.InvalidInputException;
import io.agentry.registry.problem.ProblemType;
import io.agentry.registry.service.Sessions;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/**
 * Whether the credential behind a token still works ({@code service/SessionRule}), for the
 * gateway's check of login tokens and the results service's re-checks of live streams. It says only
 * "yes" or "no and why" about a user id and a key id, never a secret, so it takes no credentials;
 * like every {@code /internal} path it is never routed by the gateway.
 */
@Path("/internal/sessions")
@Produces(MediaType.APPLICATION_JSON)
public class InternalSessionResource {

  private final Sessions sessions;

  public InternalSessionResource(Sessions sessions) {
    this.sessions = sessions;
  }

  /**
   * {@code GET /internal/sessions/{userId}?generation=N[&keyId=K]}: {@code {valid: true}} or {@code
   * {valid: false, reason}}.
   */
  @GET
  @Path("/{userId}")
  public Uni<SessionState> check(
      @PathParam("userId") String userId,
      @QueryParam("generation") Integer generation,
      @QueryParam("keyId") String keyId) {
    UUID user = uuid(userId, "the user id");
    UUID key = keyId == null ? null : uuid(keyId, "keyId");
    return sessions
        .refusal(user, generation == null ? 0 : generation, key)
        .map(refusal -> new SessionState(refusal.isEmpty(), refusal.orElse(null)));
  }

  private static UUID uuid(String raw, String what) {
    try {
      return UUID.fromString(raw);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(ProblemType.INVALID_QUERY, what + " is not a UUID.");
    }
  }

  /** The answer: whether the credential works, and if not, why. */
  public record SessionState(boolean valid, String reason) {}
}
