package io.agentry.registry.security;

import io.agentry.registry.config.RegistryConfig;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import java.util.Set;

/**
 * Makes smallrye-jwt verify tokens with the registry's own public key (loaded or generated at
 * start, so it cannot come from {@code mp.jwt.verify.*} configuration), issuer and audience.
 */
public class JwtVerification {

  @Produces
  @Alternative
  @Priority(1)
  @ApplicationScoped
  JWTAuthContextInfo contextInfo(SigningKeys keys, RegistryConfig config) {
    JWTAuthContextInfo info = new JWTAuthContextInfo(keys.publicKey(), config.auth().issuer());
    info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
    info.setRequiredClaims(Set.of("sub", "exp", "iat"));
    info.setExpectedAudience(Set.of(config.auth().audience()));
    return info;
  }
}
