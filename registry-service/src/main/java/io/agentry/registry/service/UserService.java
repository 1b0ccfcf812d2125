package io.agentry.registry.service;

import io.agentry.registry.ApiKey;
import io.agentry.registry.Caller;
import io.agentry.registry.User;
import io.agentry.registry.config.RegistryConfig;
import io.agentry.registry.problem.ConflictException;
import io.agentry.registry.problem.InvalidCredentialsException;
import io.agentry.registry.problem.NotFoundException;
import io.agentry.registry.repository.ApiKeyRepository;
import io.agentry.registry.repository.StoredCredentials;
import io.agentry.registry.repository.UserRepository;
import io.agentry.registry.security.ApiKeys;
import io.agentry.registry.security.IssuedToken;
import io.agentry.registry.security.PasswordHasher;
import io.agentry.registry.security.TokenIssuer;
import io.agentry.registry.security.TokenSubject;
import io.quarkus.security.AuthenticationFailedException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Registration, login, the caller's profile, API keys and the internal token exchange. */
@ApplicationScoped
public class UserService {

  private final Pool pool;
  private final UserRepository users;
  private final ApiKeyRepository apiKeys;
  private final PasswordHasher passwords;
  private final TokenIssuer tokens;
  private final CredentialThrottle throttle;
  private final RegistryConfig config;

  public UserService(
      Pool pool,
      UserRepository users,
      ApiKeyRepository apiKeys,
      PasswordHasher passwords,
      TokenIssuer tokens,
      CredentialThrottle throttle,
      RegistryConfig config) {
    this.pool = pool;
    this.users = users;
    this.apiKeys = apiKeys;
    this.passwords = passwords;
    this.tokens = tokens;
    this.throttle = throttle;
    this.config = config;
  }

  /**
   * Creates the user and a first API key in one transaction, unless {@code clientAddress} has
   * registered too often.
   */
  public Uni<Registration> register(Credentials credentials, String clientAddress) {
    throttle.startRegistration(clientAddress);
    String apiKey = ApiKeys.generate();
    return passwords
        .hash(credentials.password())
        .chain(
            hash ->
                pool.withTransaction(
                    tx ->
                        users
                            .insert(tx, credentials.username(), hash)
                            .call(
                                user ->
                                    apiKeys.insert(
                                        tx,
                                        user.id(),
                                        ApiKeys.hash(apiKey),
                                        ApiKeys.displayPrefix(apiKey),
                                        null))))
        .map(user -> new Registration(user, apiKey))
        .onFailure(UserRepository::isUsernameTaken)
        .transform(failure -> ConflictException.usernameTaken(credentials.username()));
  }

  /**
   * A login token; the same work is done whether or not the user exists. An attempt over the limits
   * of {@code clientAddress} or (from a client the user has not logged in from) of the username is
   * refused before any of it; every attempt counts against the attempt limits, a failed one also
   * against the failure limits, and a successful one makes the address known to the user.
   */
  public Uni<IssuedToken> login(Credentials credentials, String clientAddress) {
    CredentialThrottle.LoginAttempt attempt =
        throttle.startLogin(clientAddress, credentials.username());
    return users
        .findCredentials(credentials.username())
        .chain(
            found -> {
              String hash = found.map(StoredCredentials::passwordHash).orElse(null);
              return passwords
                  .matches(credentials.password(), hash)
                  .map(
                      ok -> {
                        if (!ok) {
                          throw new InvalidCredentialsException();
                        }
                        User user = found.get().user();
                        return tokens.issue(
                            new TokenSubject(
                                user.id(), user.username(), found.get().tokenGeneration(), null),
                            config.auth().tokenLifetime());
                      });
            })
        .onTermination()
        .invoke(
            (token, failure, cancelled) -> {
              if (cancelled || failure instanceof InvalidCredentialsException) {
                return;
              }
              if (failure == null) {
                attempt.succeeded();
              } else {
                attempt.forgive();
              }
            });
  }

  public Uni<User> me(Caller caller) {
    return users
        .findById(caller.id())
        .map(
            found ->
                found.orElseThrow(
                    () -> new AuthenticationFailedException("the user no longer exists")));
  }

  public Uni<NewApiKey> createApiKey(Caller caller, ApiKeyRequest request) {
    String secret = ApiKeys.generate();
    return apiKeys
        .insert(
            caller.id(), ApiKeys.hash(secret), ApiKeys.displayPrefix(secret), request.expiresAt())
        .map(key -> new NewApiKey(key, secret));
  }

  public Uni<List<ApiKey>> listApiKeys(Caller caller) {
    return apiKeys.listActive(caller.id());
  }

  /** Revokes one of the caller's keys; it fails from the next request on. */
  public Uni<Void> revokeApiKey(Caller caller, UUID keyId) {
    return apiKeys
        .revoke(caller.id(), keyId)
        .map(
            found -> {
              if (!found) {
                throw NotFoundException.apiKey(keyId);
              }
              return null;
            });
  }

  /**
   * A short-lived token for the caller, for the gateway's internal exchange; it names the API key
   * (or the session generation) the caller authenticated with, so that it fails with them.
   */
  public IssuedToken exchange(TokenSubject subject) {
    return tokens.issue(subject, config.auth().exchangeTokenLifetime());
  }
}
