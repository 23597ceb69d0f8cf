package com.aliasimport.cli;

import com.aliasimport.anonymize.CheckPurge;
import com.aliasimport.exit.ExitCodes;
import com.aliasimport.run.ImportRun;
import com.aliasimport.run.RunStore;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    @Option(names = "--json", description = "Print what was purged as one JSON line: stdout holds JSON only.")
    boolean json;

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
            if (purged.isEmpty() && !json) {
                out.printf("no anonymize check older than %d days holds personal data.%n", which.olderThanDays);
            }
        }
        if (json) {
            List<Map<String, Object>> runs = new ArrayList<>();
            for (CheckPurge.Purged p : purged) {
                Map<String, Object> run = new LinkedHashMap<>();
                run.put("run", p.run().id());
                run.put("file", p.run().fileName());
                run.put("resultLines", p.resultLines());
                run.put("failedKeys", p.failedKeys());
                runs.add(run);
            }
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("event", "summary");
            summary.put("command", "purge");
            summary.put("exitCode", ExitCodes.OK);
            summary.put("purged", runs);
            JsonOutput.line(out, summary);
            return ExitCodes.OK;
        }
        for (CheckPurge.Purged p : purged) {
            out.printf(
                    "run %d (%s): deleted %d result lines and %d failed keys.%n",
                    p.run().id(), p.run().fileName(), p.resultLines(), p.failedKeys());
        }
        return ExitCodes.OK;
    }
}
