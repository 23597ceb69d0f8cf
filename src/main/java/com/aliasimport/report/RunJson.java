package com.aliasimport.report;

import com.aliasimport.run.ImportRun;
import com.aliasimport.run.RunCounts;
import java.io.Writer;
import java.time.Instant;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** A run as JSON, the same in {@code report --format json} and {@code history --format json}. */
public final class RunJson {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private RunJson() {}

    /** An indented JSON generator over {@code out}; closing it flushes but leaves {@code out} open. */
    public static JsonGenerator generator(Writer out) {
        return JSON.createGenerator(out);
    }

    /**
     * Writes the run as one JSON object (the target is left out: it names the tenant's endpoints). Its field names
     * are those of every command's {@code --json} output (docs/json.md): {@code run}, {@code sha256}, {@code counts}.
     */
    public static void write(JsonGenerator json, ImportRun run) {
        json.writeStartObject();
        json.writeNumberProperty("run", run.id());
        json.writeStringProperty("kind", run.kind().name().toLowerCase(java.util.Locale.ROOT));
        if (run.retryOf() != null) {
            json.writeNumberProperty("retryOf", run.retryOf());
        }
        json.writeStringProperty("file", run.fileName());
        json.writeStringProperty("path", run.filePath());
        json.writeStringProperty("sha256", run.contentHash());
        json.writeStringProperty("status", run.status().name());
        json.writeStringProperty("message", run.message());
        RunCounts c = run.counts();
        json.writeName("counts");
        json.writeStartObject();
        json.writeNumberProperty("read", c.read());
        json.writeNumberProperty("sent", c.sent());
        json.writeNumberProperty("accepted", c.accepted());
        json.writeNumberProperty("rejected", c.rejected());
        json.writeNumberProperty("invalid", c.invalid());
        json.writeNumberProperty("duplicate", c.duplicate());
        json.writeNumberProperty("exhausted", c.exhausted());
        json.writeNumberProperty("unknown", c.unknown());
        json.writeNumberProperty("retried", c.retried());
        json.writeEndObject();
        json.writeNumberProperty("rowsInFile", run.rowCount());
        time(json, "createdAt", run.createdAt());
        time(json, "startedAt", run.startedAt());
        time(json, "endedAt", run.endedAt());
        json.writeNumberProperty("activeMillis", run.activeTime().toMillis());
        json.writeNumberProperty("rowsPerSecond", Math.round(run.rowsPerSecond() * 10) / 10.0);
        json.writeNumberProperty("requests", run.flow().requests());
        json.writeNumberProperty("throttled", run.flow().throttled());
        if (run.flow().learnedLimit() == null) {
            json.writeNullProperty("learnedLimit");
        } else {
            json.writeNumberProperty("learnedLimit", Math.round(run.flow().learnedLimit() * 10) / 10.0);
        }
        json.writeEndObject();
    }

    /** An ISO-8601 UTC instant, or null. */
    static void time(JsonGenerator json, String name, Instant instant) {
        if (instant == null) {
            json.writeNullProperty(name);
        } else {
            json.writeStringProperty(name, instant.toString());
        }
    }
}
