package io.agentry.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ensure-key FILE} (for ./agentry up): a working key of a local user, saved in FILE. */
@Command(
    name = "ensure-key",
    hidden = true,
    description = "Print a working local API key, saved in FILE.")
final class EnsureKeyCommand implements Callable<Integer> {

  private final Context context;

  @Parameters(paramLabel = "FILE")
  Path file;

  EnsureKeyCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    context.out.println(LocalKey.ensure(context.anonymous(), file));
    return 0;
  }
}
