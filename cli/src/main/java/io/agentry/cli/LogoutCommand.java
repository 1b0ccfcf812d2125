package io.agentry.cli;

import io.agentry.client.AgentryClient;
import io.agentry.client.ApiException;
import io.agentry.client.UnreachableException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code logout}: revokes the API key {@code login} created and deletes the profile. */
@Command(
    name = "logout",
    mixinStandardHelpOptions = true,
    description = {
      "Delete your profile; the API key 'agentry login' created for it is revoked first."
    },
    footerHeading = "%nExample:%n",
    footer = {"  agentry logout", "  agentry logout --everywhere"})
final class LogoutCommand implements Callable<Integer> {

  private final Context context;

  @Option(
      names = "--everywhere",
      description =
          "Also end every login token issued to you so far (web sign-ins included). Your other"
              + " API keys keep working: revoke them with 'agentry keys revoke'.")
  boolean everywhere;

  LogoutCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Optional<Profile> saved = context.profile();
    if (saved.isEmpty()) {
      context.err.println("no profile in " + context.configDirectory + ": nothing to do");
      return 0;
    }
    Profile profile = saved.get();
    String revoked = "";
    AgentryClient client = AgentryClient.of(profile.url()).as(profile.credential());
    if (everywhere) {
      // Before the key goes: revoking sessions needs a credential that still works.
      client.revokeSessions();
      revoked = ", ended every login token";
    }
    if (profile.keyId() != null) {
      try {
        client.revokeApiKey(profile.keyId());
        revoked += " and revoked its API key";
      } catch (ApiException | UnreachableException e) {
        context.err.println(
            "agentry: the profile's API key could not be revoked ("
                + e.getMessage()
                + "); revoke it later with agentry keys revoke "
                + profile.keyId());
      }
    }
    Profile.delete(context.configDirectory);
    context.out.println(
        "logged out "
            + (profile.username() == null ? "" : profile.username() + " ")
            + "from "
            + profile.url()
            + ": deleted the profile"
            + revoked);
    return 0;
  }
}
