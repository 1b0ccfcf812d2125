package io.agentry.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code completion bash|zsh}: the completion script, from picocli's AutoComplete. The script is a
 * bash script that also runs in zsh (it loads zsh's bashcompinit itself).
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = "Print the shell completion script for bash or zsh.",
    footerHeading = "%nExample:%n",
    footer = {
      "  source <(agentry completion bash)        # in ~/.bashrc",
      "  source <(agentry completion zsh)         # in ~/.zshrc"
    })
final class CompletionCommand implements Callable<Integer> {

  /** The shells with a completion script. */
  enum Shell {
    bash,
    zsh
  }

  private final Context context;

  @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
  Shell shell;

  CompletionCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    context.out.print(AutoComplete.bash("agentry", Main.commandLine(context)));
    return 0;
  }
}
