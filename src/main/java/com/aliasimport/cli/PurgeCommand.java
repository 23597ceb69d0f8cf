package com.aliasimport.cli;

import com.aliasimport.anonymize.CheckPurge;
import com.aliasimport.exit.ExitCodes;
import com.aliasimport.run.ImportRun;
import com.aliasimport.run.RunStore;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

// A fresh instance per command line: picocli keeps option values in the command's fields.
@Component
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
@Command(
        name = "purge",
        mixinStandardHelpOptions = true,
        description = {
            "Deletes the personal data anonymize checks stored in the database: the records each key matched and"
                    + " the keys. The runs stay in 'history' with their counts. Results files already written are"
                    + " yours to keep or delete."
        })
class PurgeCommand extends CliCommand {

    static class Which {
        @Option(names = "--run", paramLabel = "ID", required = true, description = "The anonymize check to purge.")
        Long run;

        @Option(
                names = "--older-than",
                paramLabel = "DAYS",
                required = true,
                description = "Purge every anonymize check that ended more than DAYS days ago.")
        Integer olderThanDays;
    }

    @ArgGroup(multiplicity = "1")
    Which which;

    private final RunStore runs;
    private final CheckPurge purge;

    PurgeCommand(RunStore runs, CheckPurge purge) {
        this.runs = runs;
        this.purge = purge;
    }

    @Override
    public Integer call() {
        PrintWriter out = out();
        List<CheckPurge.Purged> purged;
        if (which.run != null) {
            ImportRun run = RunSelector.select(runs, which.run.toString());
            if (run.kind() != ImportRun.Kind.CHECK) {
                throw new UsageException("run " + run.id() + " is "
                        + (run.kind() == ImportRun.Kind.RETRY ? "a retry-failed pass" : "an import")
                        + ", not an anonymize check: purge deletes what anonymize-check stored");
            }
            purged = List.of(purge.purge(run));
        } else {
            if (which.olderThanDays < 0) {
                throw usageError("--older-than takes a number of days, 0 or more");
            }
            purged = purge.purgeOlderThan(Duration.ofDays(which.olderThanDays));
            if (purged.isEmpty()) {
                out.printf("no anonymize check older than %d days holds personal data.%n", which.olderThanDays);
            }
        }
        for (CheckPurge.Purged p : purged) {
            out.printf(
                    "run %d (%s): deleted %d result lines and %d failed keys.%n",
                    p.run().id(), p.run().fileName(), p.resultLines(), p.failedKeys());
        }
        return ExitCodes.OK;
    }
}
