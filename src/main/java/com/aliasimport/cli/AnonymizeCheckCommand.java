package com.aliasimport.cli;

import com.aliasimport.anonymize.AnonymizeCheckLauncher;
import com.aliasimport.anonymize.CheckRequest;
import com.aliasimport.anonymize.CheckResult;
import com.aliasimport.anonymize.ResultsFormat;
import com.aliasimport.config.ApiSettings;
import com.aliasimport.config.SendSettings;
import com.aliasimport.config.SettingsResolver;
import com.aliasimport.job.RunProgress;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

// A fresh instance per command line: picocli keeps option values in the command's fields.
@Component
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
@Command(
        name = "anonymize-check",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Looks up each email and telephone in FILE with CustomerGauge's Anonymize API and writes every record it"
                    + " matches to a results file, for a person to review before anonymising anything.",
            "Nothing is anonymised: the irreversible POST Anonymize call is left to that person. The results hold"
                    + " personal data: they are readable by you only, never printed, and 'purge' deletes the"
                    + " copy in the database."
        })
class AnonymizeCheckCommand extends CliCommand {

    @Parameters(paramLabel = "FILE", description = "CSV file with an email and/or a telephone column (any case)")
    Path file;

    @Option(
            names = "--output",
            paramLabel = "RESULTS",
            description = "Where the results go (default: anonymize-check-run<N>.csv in the working directory).")
    Path output;

    @Option(
            names = "--format",
            paramLabel = "csv|json",
            defaultValue = "csv",
            description = "The results file's format (default csv).")
    ResultsFormat format;

    @Option(
            names = "--limit",
            paramLabel = "N",
            description = "Look up the first N valid keys, then pause; run the same command again (without --limit)"
                    + " for the rest.")
    Long limit;

    @Option(
            names = "--dry-run",
            description =
                    "Read and check every key and say what would be looked up; send nothing, need no" + " credentials.")
    boolean dryRun;

    @Option(names = "--sandbox", description = "Start the built-in fake CustomerGauge API and look keys up in it.")
    boolean sandbox;

    @Option(names = "--new-run", description = "Check the file again even though it was checked before.")
    boolean newRun;

    @Option(
            names = "--map",
            paramLabel = "COLUMN=FIELD",
            description = "Read the key FIELD (email or telephone) from the CSV column COLUMN, such as"
                    + " --map \"E-mail address=email\" (repeatable).")
    List<String> columnMap = new ArrayList<>();

    @Mixin
    RateOptions speed = new RateOptions();

    @Mixin
    CsvFileOptions csvFile = new CsvFileOptions();

    @Mixin
    OutputOptions printing = new OutputOptions();

    private final SettingsResolver settings;
    private final AnonymizeCheckLauncher launcher;

    AnonymizeCheckCommand(SettingsResolver settings, AnonymizeCheckLauncher launcher) {
        this.settings = settings;
        this.launcher = launcher;
    }

    @Override
    public Integer call() {
        PrintWriter out = out();
        if (limit != null && limit < 1) {
            throw usageError("--limit must be at least 1");
        }
        SendSettings send = settings.sendSettings(speed.rate, speed.concurrency, null);
        Map<String, String> columns = columnMap(columnMap, "E-mail address=email");
        if (dryRun) {
            return summary(out, launcher.check(request(null, "dry-run", send, columns, p -> {})));
        }
        try (Destination destination = Destination.openForAnonymize(settings, sandbox, err());
                ProgressDisplay display = ProgressDisplay.choose(
                        printing.quiet,
                        printing.progress,
                        printing.json,
                        new ProgressDisplay.Task("anonymize-check", "keys"))) {
            CheckResult result =
                    launcher.check(request(destination.api(), destination.target(), send, columns, display::start));
            display.close();
            return summary(out, result);
        }
    }

    private int summary(PrintWriter out, CheckResult result) {
        return printing.json ? CheckSummary.printJson(out, result) : CheckSummary.print(out, result);
    }

    private CheckRequest request(
            ApiSettings api,
            String target,
            SendSettings send,
            Map<String, String> columns,
            Consumer<RunProgress> progress) {
        return new CheckRequest(
                file,
                csvFile.settings(settings.properties().csv()),
                api,
                target,
                send,
                dryRun,
                limit == null ? 0 : limit,
                newRun,
                columns,
                output,
                format,
                progress);
    }
}
