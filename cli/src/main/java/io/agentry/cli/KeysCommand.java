package io.agentry.cli;

import io.agentry.client.model.ApiKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code keys ...}: the caller's API keys. */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Create, list and revoke your API keys.",
    commandListHeading = "%nCommands:%n",
    footerHeading = "%nExample:%n",
    footer = "  agentry keys list")
final class KeysCommand implements Callable<Integer> {

  private final Context context;

  @Spec CommandSpec spec;

  KeysCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(context.err);
    return CliException.USAGE;
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Create an API key; its secret is printed this once only.",
      footerHeading = "%nExample:%n",
      footer = {
        "  export AGENTRY_API_KEY=$(agentry keys create --json | jq -r .apiKey)",
        "  agentry keys create --expires 30d"
      })
  int create(
      @Mixin OutputOptions output,
      @Option(
              names = "--expires",
              paramLabel = "WHEN",
              description =
                  "When the key stops working: an ISO-8601 instant (2030-01-31T00:00:00Z) or a"
                      + " time from now (90m, 12h, 30d). Default: never.")
          String expires) {
    ApiKey key =
        expires == null
            ? context.client().createApiKey()
            : context.client().createApiKey(KeyExpiry.parse(expires, Instant.now()));
    if (output.isJson()) {
      OutputOptions.printJson(context.out, key);
    } else {
      context.out.println(key.apiKey());
      context.err.println("API key " + key.id() + ": keep it secret; it is not shown again");
    }
    return 0;
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List your API keys that are not revoked (their prefixes, never the secrets).",
      footerHeading = "%nExample:%n",
      footer = "  agentry keys list --json")
  int list(@Mixin OutputOptions output) {
    List<ApiKey> keys = context.client().apiKeys();
    if (output.isJson()) {
      OutputOptions.printJson(context.out, Map.of("items", keys));
      return 0;
    }
    Table table = new Table("ID", "PREFIX", "CREATED", "EXPIRES");
    keys.forEach(
        key ->
            table.row(
                key.id(),
                key.prefix() + "...",
                key.createdAt(),
                key.expiresAt() == null ? "never" : key.expiresAt()));
    table.print(context.out);
    return 0;
  }

  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description = "Revoke an API key: it stops working at once.",
      footerHeading = "%nExample:%n",
      footer = "  agentry keys revoke 0b4c8a9e-5d1f-4c3a-9f0e-2a7d6b1c8e3f")
  int revoke(@Parameters(paramLabel = "ID") String id) {
    UUID keyId;
    try {
      keyId = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(
          "a key id is a UUID (agentry keys list shows them), not '" + id + "'");
    }
    context.client().revokeApiKey(keyId);
    context.out.println("revoked " + keyId);
    return 0;
  }
}
