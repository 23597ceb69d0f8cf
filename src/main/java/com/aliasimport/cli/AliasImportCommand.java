package com.aliasimport.cli;

import picocli.CommandLine.Command;

@Command(
        name = "alias-import",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Loads CustomerGauge Account Aliases from CSV files into the CustomerGauge Imports API (import), and checks"
                    + " lists of emails and telephones against the Anonymize API before a person anonymises them"
                    + " (anonymize-check)."
        },
        subcommands = {
            ImportCommand.class,
            AnonymizeCheckCommand.class,
            RetryFailedCommand.class,
            ReportCommand.class,
            HistoryCommand.class,
            PurgeCommand.class,
            CompletionCommand.class,
            SandboxCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every row accepted, or nothing to do",
            "1:the run failed and is resumable: run the same command again",
            "2:usage, configuration or file-level error; nothing sent",
            "3:the run finished but some rows failed (see report)",
            "4:another run of the same file is in progress"
        })
class AliasImportCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a command, such as import");
    }
}
