package io.agentry.registry.rest;

import io.agentry.registry.security.Callers;
import io.agentry.registry.security.IssuedToken;
import io.agentry.registry.service.UserService;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Internal token exchange for the gateway (not routed publicly): an API key or a token in, a
 * short-lived JWT for the same user out.
 */
@Path("/auth/token")
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

  private final UserService users;
  private final CurrentIdentityAssociation identity;

  public TokenResource(UserService users, CurrentIdentityAssociation identity) {
    this.users = users;
    this.identity = identity;
  }

  @POST
  @Authenticated
  public Uni<IssuedToken> exchange() {
    return identity.getDeferredIdentity().map(Callers::subject).map(users::exchange);
  }
}
