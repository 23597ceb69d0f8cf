package com.aliasimport.cli;

import com.aliasimport.config.AliasImportProperties.Format;
import com.aliasimport.config.ApiSettings;
import com.aliasimport.config.SendSettings;
import com.aliasimport.config.SettingsResolver;
import com.aliasimport.exit.ExitCodes;
import com.aliasimport.importer.ImportLauncher;
import com.aliasimport.importer.ImportRequest;
import com.aliasimport.importer.ImportResult;
import com.aliasimport.job.RunOutcome;
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
        name = "import",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Imports the aliases in FILE into CustomerGauge, one record per row.",
            "The file's content identifies the run: a file already imported is not imported again (unless"
                    + " --new-run), and a run that failed or died is resumed by running the same command."
        })
class ImportCommand extends CliCommand {

    @Parameters(paramLabel = "FILE", description = "CSV file with a header row (UTF-8, with or without BOM)")
    Path file;

    @Option(
            names = "--dry-run",
            description =
                    "Read and check every row and report what would be sent; send" + " nothing, need no credentials.")
    boolean dryRun;

    @Option(
            names = "--limit",
            paramLabel = "N",
            description = "Send the first N valid rows, then pause; run the"
                    + " same command again (without --limit) to send the rest.")
    Long limit;

    @Option(
            names = "--chunk-size",
            paramLabel = "N",
            description =
                    "Rows per checkpoint (default ${bundle:sending.chunk-size}, alias-import.sending.chunk-size).")
    Integer chunkSize;

    @Option(
            names = "--format",
            paramLabel = "json|form",
            description = "Request body: json or form (default ${bundle:http.format}, alias-import.http.format).")
    Format format;

    @Option(names = "--sandbox", description = "Start the built-in fake CustomerGauge API and import into it.")
    boolean sandbox;

    @Option(names = "--new-run", description = "Import the file again even though it was imported before.")
    boolean newRun;

    @Option(
            names = "--profile",
            paramLabel = "NAME",
            description = "The data type to import: a profile of alias-import.profiles (its mapping fields and"
                    + " configuration reference). Default: account-alias (alias-import.mapping).")
    String profile;

    @Option(
            names = "--map",
            paramLabel = "COLUMN=FIELD",
            description = "Read the mapping field FIELD from the" + " CSV column COLUMN (repeatable).")
    List<String> columnMap = new ArrayList<>();

    @Option(
            names = "--ignore-column",
            paramLabel = "COLUMN",
            description = "Leave the CSV column COLUMN out on" + " purpose (repeatable).")
    List<String> ignoreColumns = new ArrayList<>();

    @Mixin
    RateOptions speed = new RateOptions();

    @Mixin
    CsvFileOptions csvFile = new CsvFileOptions();

    @Mixin
    OutputOptions output = new OutputOptions();

    private final SettingsResolver settings;
    private final ImportLauncher launcher;
    private final FullDisk fullDisk;

    ImportCommand(SettingsResolver settings, ImportLauncher launcher, FullDisk fullDisk) {
        this.settings = settings;
        this.launcher = launcher;
        this.fullDisk = fullDisk;
    }

    @Override
    public Integer call() {
        PrintWriter out = out();
        if (limit != null && limit < 1) {
            throw usageError("--limit must be at least 1");
        }
        SendSettings send = settings.sendSettings(speed.rate, speed.concurrency, chunkSize);
        Map<String, String> columns = columnMap(columnMap, "Company=Account Name");
        if (dryRun) {
            return summary(out, launcher.importFile(request(null, "dry-run", send, columns, p -> {})));
        }
        try (Destination destination = Destination.open(settings, sandbox, format, profile, err());
                ProgressDisplay display = ProgressDisplay.choose(output.quiet, output.progress, output.json)) {
            ImportResult result = launcher.importFile(
                    request(destination.api(), destination.target(), send, columns, display::start));
            display.close();
            if (result.outcome() == RunOutcome.FAILED) {
                // Not a summary: one line on stderr that says which folder's disk is full.
                var full = fullDisk.describe(result.message());
                if (full.isPresent()) {
                    err().println("error: " + full.get());
                    return ExitCodes.RUN_FAILED;
                }
            }
            return summary(out, result);
        }
    }

    private int summary(PrintWriter out, ImportResult result) {
        return output.json ? Summary.printJson(out, result) : Summary.print(out, result);
    }

    private ImportRequest request(
            ApiSettings api,
            String target,
            SendSettings send,
            Map<String, String> columns,
            Consumer<RunProgress> progress) {
        return new ImportRequest(
                file,
                csvFile.settings(settings.properties().csv()),
                api,
                target,
                send,
                dryRun,
                limit == null ? 0 : limit,
                newRun,
                profile,
                columns,
                ignoreColumns,
                progress);
    }
}
