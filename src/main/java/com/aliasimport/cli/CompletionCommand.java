package com.aliasimport.cli;

import com.aliasimport.exit.ExitCodes;
import picocli.AutoComplete;
import picocli.CommandLine.Command;

/** Prints a completion script for bash and zsh, made by picocli from the commands and their options. */
@Command(
        name = "completion",
        mixinStandardHelpOptions = true,
        description = {
            "Prints a bash/zsh completion script for alias-import's commands and options.",
            "Load it in the current shell with: source <(scripts/alias-import completion); or save it under"
                    + " /etc/bash_completion.d/. In zsh, run 'autoload -U +X bashcompinit && bashcompinit' first."
        })
class CompletionCommand extends CliCommand {

    @Override
    public Integer call() {
        out().print(AutoComplete.bash("alias-import", spec.root().commandLine()));
        out().flush();
        return ExitCodes.OK;
    }
}
