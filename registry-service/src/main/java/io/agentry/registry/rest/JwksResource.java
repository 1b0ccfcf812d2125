package io.agentry.registry.rest;

import io.agentry.registry.security.SigningKeys;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** The public key that verifies the registry's tokens, as a JWK set for the other services. */
@Path("/.well-known/jwks.json")
public class JwksResource {

  private final Map<String, Object> jwks;

  public JwksResource(SigningKeys keys) {
    this.jwks = Map.of("keys", List.of(keys.jwk()));
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, Object> jwks() {
    return jwks;
  }
}
