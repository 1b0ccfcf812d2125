package io.agentry.results.security;

import io.agentry.results.Caller;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The caller of the current request, resolved without blocking. */
@ApplicationScoped
public class CurrentCaller {

  private final CurrentIdentityAssociation identity;

  public CurrentCaller(CurrentIdentityAssociation identity) {
    this.identity = identity;
  }

  public Uni<Caller> get() {
    return identity.getDeferredIdentity().map(Callers::of);
  }
}
