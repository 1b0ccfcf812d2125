package io.agentry.cli;

import io.agentry.client.AgentryClient;
import io.agentry.client.model.ApiKey;
import io.agentry.client.model.LoginToken;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code login}: checks the password and saves a profile with a new API key of the user (a login
 * token expires within the hour), or with the token itself.
 */
@Command(
    name = "login",
    mixinStandardHelpOptions = true,
    description = {
      "Log in and save your profile: the URL and a new API key for this machine (revoked again by"
          + " 'agentry logout'), or with --token the one-hour login token."
    },
    footerHeading = "%nExample:%n",
    footer = {
      "  agentry login alice",
      "  agentry --url https://agentry.example.com/api/v1 login alice --password-stdin < pw.txt"
    })
final class LoginCommand implements Callable<Integer> {

  private final Context context;

  @Parameters(index = "0", paramLabel = "USERNAME")
  String username;

  @Option(names = "--password-stdin", description = "Read the password from stdin's first line.")
  boolean passwordStdin;

  @Option(
      names = "--token",
      description = "Save the login token (valid 1 h) instead of a new API key.")
  boolean tokenOnly;

  LoginCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    String password = Passwords.read(context, passwordStdin, false);
    AgentryClient anonymous = context.anonymous();
    LoginToken token = anonymous.login(username, password);
    Profile profile;
    if (tokenOnly) {
      profile = new Profile(anonymous.baseUrl(), token.token(), username, null);
    } else {
      ApiKey key = anonymous.as(token.token()).createApiKey();
      profile = new Profile(anonymous.baseUrl(), key.apiKey(), username, key.id());
    }
    Path file = profile.save(context.configDirectory);
    context.out.println(
        "logged in as "
            + username
            + " at "
            + anonymous.baseUrl()
            + (tokenOnly ? " (token valid until " + token.expiresAt() + ")" : "")
            + "; profile saved in "
            + file);
    return 0;
  }
}
