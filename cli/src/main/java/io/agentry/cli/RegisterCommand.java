package io.agentry.cli;

import io.agentry.client.model.Registration;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code register}: a new user, whose API key is saved as the profile. */
@Command(
    name = "register",
    mixinStandardHelpOptions = true,
    description = {
      "Create a user and save its URL and API key as your profile (mode 600, in your"
          + " configuration folder)."
    },
    footerHeading = "%nExample:%n",
    footer = "  printf '%%s\\n' \"$PASSWORD\" | agentry register alice --password-stdin")
final class RegisterCommand implements Callable<Integer> {

  private final Context context;

  @Parameters(
      index = "0",
      paramLabel = "USERNAME",
      description = "3-64 of A-Z, a-z, 0-9, '_', '.', '-'.")
  String username;

  @Option(names = "--password-stdin", description = "Read the password from stdin's first line.")
  boolean passwordStdin;

  @Mixin OutputOptions output;

  RegisterCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    String password = Passwords.read(context, passwordStdin, true);
    String url = context.connection().url();
    Registration registered = context.anonymous().register(username, password);
    Path file =
        new Profile(url, registered.apiKey(), registered.username(), null)
            .save(context.configDirectory);
    if (output.isJson()) {
      OutputOptions.printJson(context.out, registered);
    } else {
      context.out.println(
          "registered " + registered.username() + " at " + url + "; profile saved in " + file);
    }
    return 0;
  }
}
