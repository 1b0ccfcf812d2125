package io.agentry.registry.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.registry.Agent;
import io.agentry.registry.Caller;
import io.agentry.registry.problem.ConflictException;
import io.agentry.registry.problem.InvalidInputException;
import io.agentry.registry.problem.NotFoundException;
import io.agentry.registry.problem.ProblemType;
import io.agentry.registry.repository.SecretRepository;
import io.agentry.registry.repository.SecretRepository.SecretName;
import io.agentry.registry.security.SecretCipher;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The secrets an owner sets for an agent: they belong to its owner and name, so every version sees
 * them; only the owner may list, set or remove them, and no answer ever carries a value. Values are
 * sealed by {@link SecretCipher} before they reach the database.
 */
@ApplicationScoped
public class SecretService {

  /** The most secrets one agent (owner and name) may have. */
  public static final int MAX_SECRETS = 32;

  /** The most bytes of one value, in UTF-8. */
  public static final int MAX_VALUE_BYTES = 4096;

  private static final Pattern NAME = Pattern.compile("[A-Z_][A-Z0-9_]{0,63}");

  private final AgentService agents;
  private final SecretRepository secrets;
  private final SecretCipher cipher;

  public SecretService(AgentService agents, SecretRepository secrets, SecretCipher cipher) {
    this.agents = agents;
    this.secrets = secrets;
    this.cipher = cipher;
  }

  /** True for a name a secret may have: an environment variable name in upper case. */
  public static boolean isName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /** Sets a secret's value: owner only. */
  public Uni<SecretName> put(Caller caller, UUID agentId, String name, JsonNode body) {
    checkName(name);
    byte[] value = value(body);
    return agents
        .getOwned(caller, agentId)
        .chain(
            agent ->
                secrets
                    .put(
                        agent.ownerId(),
                        agent.name(),
                        name,
                        cipher.seal(value, associatedData(agent, name)),
                        MAX_SECRETS)
                    .map(
                        updatedAt -> {
                          if (updatedAt == null) {
                            throw ConflictException.tooManySecrets(agent.name(), MAX_SECRETS);
                          }
                          return new SecretName(name, updatedAt);
                        }));
  }

  /** The names and update times of an agent's secrets: owner only. */
  public Uni<List<SecretName>> names(Caller caller, UUID agentId) {
    return agents
        .getOwned(caller, agentId)
        .chain(agent -> secrets.names(agent.ownerId(), agent.name()));
  }

  /**
   * The names of the agent's secrets, never their values, for the gateway to refuse a task whose
   * env names one.
   */
  public Uni<List<String>> namesForSubmission(UUID agentId) {
    return agents
        .get(agentId)
        .chain(agent -> secrets.names(agent.ownerId(), agent.name()))
        .map(names -> names.stream().map(SecretName::name).toList());
  }

  /** Removes a secret: owner only; 404 when the agent has none of that name. */
  public Uni<Void> delete(Caller caller, UUID agentId, String name) {
    checkName(name);
    return agents
        .getOwned(caller, agentId)
        .chain(agent -> secrets.delete(agent.ownerId(), agent.name(), name))
        .invoke(
            removed -> {
              if (!removed) {
                throw NotFoundException.secret(agentId, name);
              }
            })
        .replaceWithVoid();
  }

  /**
   * The values of the agent's secrets, for a run of one of its versions: only for an executor, by
   * the internal path; never logged.
   */
  public Uni<Map<String, String>> valuesForRun(UUID agentId) {
    return agents
        .get(agentId)
        .chain(
            agent ->
                secrets
                    .sealed(agent.ownerId(), agent.name())
                    .map(
                        stored -> {
                          Map<String, String> values = new TreeMap<>();
                          for (SecretRepository.SealedSecret secret : stored) {
                            byte[] value =
                                cipher.open(secret.sealed(), associatedData(agent, secret.name()));
                            values.put(secret.name(), new String(value, StandardCharsets.UTF_8));
                          }
                          return values;
                        }));
  }

  /** What a sealed value is bound to: its owner, agent name and secret name. */
  static String associatedData(Agent agent, String name) {
    return agent.ownerId() + "/" + agent.name() + "/" + name;
  }

  private static void checkName(String name) {
    if (!isName(name)) {
      throw new InvalidInputException(
          ProblemType.INVALID_REQUEST,
          "A secret's name is 1 to 64 characters of A-Z, 0-9 and '_', not starting with a digit"
              + " (an environment variable name).");
    }
  }

  private static byte[] value(JsonNode body) {
    JsonFields fields = JsonFields.of(body, ProblemType.INVALID_REQUEST);
    fields.rejectOthers(java.util.Set.of("value"), "is not a field of a secret");
    String value = fields.text("value", true);
    byte[] bytes = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    if (bytes != null && bytes.length > MAX_VALUE_BYTES) {
      fields.error("value", "must be at most " + MAX_VALUE_BYTES + " bytes in UTF-8");
    } else if (value != null && (value.indexOf('\0') >= 0 || !AgentRules.isStorableText(value))) {
      fields.error("value", "must not contain NUL characters or unpaired surrogates");
    }
    fields.check();
    return bytes;
  }
}
