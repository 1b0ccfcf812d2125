package io.agentry.cli;

import io.agentry.client.model.User;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code whoami}: the user the credentials in effect belong to. */
@Command(
    name = "whoami",
    mixinStandardHelpOptions = true,
    description = "Show the user your credentials belong to, the URL, and where they came from.",
    footerHeading = "%nExample:%n",
    footer = "  agentry whoami --json")
final class WhoamiCommand implements Callable<Integer> {

  private final Context context;

  @Mixin OutputOptions output;

  WhoamiCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Connection connection = context.connection();
    User me = context.client().me();
    if (output.isJson()) {
      OutputOptions.printJson(context.out, me);
    } else {
      context.out.println(
          me.username()
              + " ("
              + me.id()
              + ") at "
              + connection.url()
              + ", credentials from "
              + connection.source());
    }
    return 0;
  }
}
