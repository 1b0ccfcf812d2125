package io.agentry.registry.security;

import io.agentry.registry.repository.ApiKeyRepository;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Authenticates bearer tokens that are API keys ({@code agy_...}) against their stored hashes, on
 * every request, so a revoked or expired key fails at once. Any other bearer token is left to
 * smallrye-jwt, which runs after this provider.
 */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

  private final ApiKeyRepository apiKeys;

  public ApiKeyIdentityProvider(ApiKeyRepository apiKeys) {
    this.apiKeys = apiKeys;
  }

  @Override
  public Class<TokenAuthenticationRequest> getRequestType() {
    return TokenAuthenticationRequest.class;
  }

  /** Before smallrye-jwt's validator (priority 1001), which would refuse an API key outright. */
  @Override
  public int priority() {
    return 2000;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      TokenAuthenticationRequest request, AuthenticationRequestContext context) {
    String key = request.getToken().getToken();
    if (key == null || !ApiKeys.isApiKey(key)) {
      return Uni.createFrom().nullItem();
    }
    if (!ApiKeys.isWellFormed(key)) {
      return Uni.createFrom().failure(new AuthenticationFailedException("malformed API key"));
    }
    return apiKeys
        .findActive(ApiKeys.hash(key))
        .map(
            found ->
                found
                    .filter(stored -> ApiKeys.matches(key, stored.keyHash()))
                    .map(
                        stored ->
                            (SecurityIdentity)
                                QuarkusSecurityIdentity.builder()
                                    .setPrincipal(new QuarkusPrincipal(stored.username()))
                                    .addRole(TokenIssuer.USER_GROUP)
                                    .addAttribute(Callers.USER_ID, stored.userId())
                                    .addAttribute(Callers.KEY_ID, stored.keyId())
                                    .addAttribute(Callers.GENERATION, stored.tokenGeneration())
                                    .addCredential(request.getToken())
                                    .build())
                    .orElseThrow(() -> new AuthenticationFailedException("unknown API key")));
  }
}
