package com.aliasimport.cli;

import com.aliasimport.exit.ExitCodes;
import com.aliasimport.report.RunJson;
import com.aliasimport.report.RunText;
import com.aliasimport.run.ImportRun;
import com.aliasimport.run.RunCounts;
import com.aliasimport.run.RunStatus;
import com.aliasimport.run.RunStore;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.core.JsonGenerator;

// A fresh instance per command line: picocli keeps option values in the command's fields.
@Component
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
@Command(
        name = "history",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Lists past runs, newest first: file, status, row counts, duration and rate.",
            "\"held to\" is the request rate the API held a run to (learned from its 429 answers), when lower than"
                    + " the configured rate."
        })
class HistoryCommand extends CliCommand {

    enum Format {
        TABLE,
        JSON
    }

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "20",
            description = "Show the newest N runs (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(
            names = "--format",
            paramLabel = "table|json",
            defaultValue = "table",
            description = "table (default) or json.")
    Format format;

    @Option(names = "--json", description = "The same as --format json: stdout holds JSON only.")
    boolean json;

    private final RunStore runs;

    HistoryCommand(RunStore runs) {
        this.runs = runs;
    }

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new UsageException("--limit must be at least 1");
        }
        PrintWriter out = out();
        List<ImportRun> recent = runs.recent(limit);
        if (format == Format.JSON || json) {
            json(out, recent);
        } else if (recent.isEmpty()) {
            out.println("no runs yet.");
        } else {
            table(out, recent);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void table(PrintWriter out, List<ImportRun> recent) {
        TextTable table = new TextTable(
                ">id",
                "kind",
                "file",
                "hash",
                "started",
                "ended",
                "status",
                ">read",
                ">sent",
                ">accepted",
                ">rejected",
                ">invalid",
                ">duplicates",
                ">exhausted",
                ">unknown",
                ">retried",
                ">duration",
                ">rate",
                ">held to");
        for (ImportRun run : recent) {
            RunCounts c = run.counts();
            table.add(
                    run.id(),
                    RunText.kind(run),
                    RunText.forTerminal(run.fileName(), 40),
                    RunText.shortHash(run.contentHash()),
                    RunText.time(run.startedAt()),
                    run.status() == RunStatus.RUNNING ? "running" : RunText.time(run.endedAt()),
                    RunText.status(run.status()),
                    c.read(),
                    c.sent(),
                    c.accepted(),
                    c.rejected(),
                    c.invalid(),
                    c.duplicate(),
                    c.exhausted(),
                    c.unknown(),
                    c.retried(),
                    RunText.duration(run.activeTime()),
                    String.format(Locale.ROOT, "%.1f/s", run.rowsPerSecond()),
                    RunText.heldTo(run));
        }
        table.print(out);
    }

    private static void json(PrintWriter out, List<ImportRun> recent) {
        try (JsonGenerator json = RunJson.generator(out)) {
            json.writeStartObject();
            json.writeArrayPropertyStart("runs");
            recent.forEach(run -> RunJson.write(json, run));
            json.writeEndArray();
            json.writeEndObject();
        }
        out.println();
    }
}
