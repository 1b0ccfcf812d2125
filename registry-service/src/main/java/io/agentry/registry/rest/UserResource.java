package io.agentry.registry.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentry.registry.ApiKey;
import io.agentry.registry.User;
import io.agentry.registry.problem.InvalidInputException;
import io.agentry.registry.problem.NotFoundException;
import io.agentry.registry.problem.ProblemType;
import io.agentry.registry.security.CurrentCaller;
import io.agentry.registry.security.IssuedToken;
import io.agentry.registry.service.ApiKeyRequest;
import io.agentry.registry.service.Credentials;
import io.agentry.registry.service.Sessions;
import io.agentry.registry.service.UserService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Users and authentication (docs/contract.md section 2). */
@Path("/users")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

  private final UserService users;
  private final Sessions sessions;
  private final CurrentCaller caller;
  private final ObjectMapper json;

  public UserResource(
      UserService users, Sessions sessions, CurrentCaller caller, ObjectMapper json) {
    this.users = users;
    this.sessions = sessions;
    this.caller = caller;
    this.json = json;
  }

  @POST
  @Path("/register")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Register a user; answers its first API key")
  @APIResponse(responseCode = "201", description = "{id, username, apiKey, createdAt}")
  @APIResponse(responseCode = "400", description = "invalid-json or invalid-request")
  @APIResponse(responseCode = "409", description = "username-taken")
  @APIResponse(
      responseCode = "429",
      description = "rate-limited: too many registrations from the client's address",
      headers = @Header(name = "Retry-After", description = "Seconds to wait"))
  public Uni<Response> register(JsonNode body, HttpServerRequest request) {
    String address = ClientAddress.of(request);
    return Uni.createFrom()
        .item(() -> Credentials.forRegistration(body))
        .chain(credentials -> users.register(credentials, address))
        .map(
            registration -> {
              User user = registration.user();
              return Response.status(Response.Status.CREATED)
                  .entity(
                      new Registered(
                          user.id(), user.username(), registration.apiKey(), user.createdAt()))
                  .build();
            });
  }

  @POST
  @Path("/login")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Log in; answers a signed JWT")
  @APIResponse(responseCode = "200", description = "{token, expiresAt}")
  @APIResponse(responseCode = "400", description = "invalid-json or invalid-request")
  @APIResponse(responseCode = "401", description = "invalid-credentials")
  @APIResponse(
      responseCode = "429",
      description =
          "rate-limited: too many failed logins from the client's address or for the username",
      headers = @Header(name = "Retry-After", description = "Seconds to wait"))
  public Uni<IssuedToken> login(JsonNode body, HttpServerRequest request) {
    String address = ClientAddress.of(request);
    return Uni.createFrom()
        .item(() -> Credentials.forLogin(body))
        .chain(credentials -> users.login(credentials, address));
  }

  @GET
  @Path("/me")
  @Authenticated
  public Uni<User> me() {
    return caller.get().chain(users::me);
  }

  @POST
  @Path("/me/api-keys")
  @Authenticated
  @Operation(summary = "Create an API key, optionally with an expiry")
  @APIResponse(responseCode = "201", description = "{id, apiKey, createdAt, expiresAt}")
  @APIResponse(
      responseCode = "400",
      description = "invalid-json or invalid-request (expiresAt not ahead, too far ahead)")
  public Uni<Response> createApiKey(String body) {
    return Uni.createFrom()
        .item(() -> ApiKeyRequest.parse(readOptional(body), Instant.now()))
        .chain(request -> caller.get().chain(who -> users.createApiKey(who, request)))
        .map(
            created ->
                Response.status(Response.Status.CREATED)
                    .entity(
                        new ApiKeyCreated(
                            created.key().id(),
                            created.secret(),
                            created.key().createdAt(),
                            created.key().expiresAt()))
                    .build());
  }

  @POST
  @Path("/me/sessions/revoke")
  @Authenticated
  @Operation(
      summary =
          "Revoke every login token of the caller issued so far (API keys stay: revoke them one"
              + " by one)")
  @APIResponse(responseCode = "204", description = "Every earlier login token is refused")
  public Uni<Response> revokeSessions() {
    return caller
        .get()
        .chain(who -> sessions.revokeAll(who.id()))
        .map(generation -> Response.noContent().build());
  }

  @GET
  @Path("/me/api-keys")
  @Authenticated
  public Uni<Items<ApiKey>> listApiKeys() {
    return caller.get().chain(users::listApiKeys).map(Items::new);
  }

  /** An optional JSON body: null when there is none. */
  private JsonNode readOptional(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return json.readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(
          ProblemType.INVALID_JSON, "The body is not valid JSON: " + e.getOriginalMessage());
    }
  }

  @DELETE
  @Path("/me/api-keys/{id}")
  @Authenticated
  public Uni<Response> revokeApiKey(@PathParam("id") String id) {
    return caller
        .get()
        .chain(who -> users.revokeApiKey(who, Ids.parse(id, NotFoundException::apiKey)))
        .map(done -> Response.noContent().build());
  }
}
