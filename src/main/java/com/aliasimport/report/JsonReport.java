package com.aliasimport.report;

import com.aliasimport.outcome.FailedRow;
import com.aliasimport.run.ImportRun;
import tools.jackson.core.JsonGenerator;

/** The report for tools: one JSON document, the run and then its failed rows, written as they stream in. */
final class JsonReport implements ReportWriter {

    private final JsonGenerator json;
    private final ImportRun run;
    private final boolean includeResolved;

    JsonReport(JsonGenerator json, ImportRun run, boolean includeResolved) {
        this.json = json;
        this.run = run;
        this.includeResolved = includeResolved;
    }

    @Override
    public void begin() {
        json.writeStartObject();
        json.writeName("run");
        RunJson.write(json, run);
        json.writeBooleanProperty("includeResolved", includeResolved);
        json.writeArrayPropertyStart("failedRows");
    }

    @Override
    public void row(FailedRow row) {
        json.writeStartObject();
        json.writeNumberProperty("line", row.line());
        json.writeStringProperty("type", row.type().name());
        if (row.httpStatus() == null) {
            json.writeNullProperty("httpStatus");
        } else {
            json.writeNumberProperty("httpStatus", row.httpStatus());
        }
        json.writeStringProperty("message", row.message());
        json.writeNumberProperty("attempts", row.attempts());
        RunJson.time(json, "firstAttemptAt", row.firstAttemptAt());
        RunJson.time(json, "lastAttemptAt", row.lastAttemptAt());
        json.writeName("record");
        json.writeStartObject();
        row.record().forEach(json::writeStringProperty);
        json.writeEndObject();
        if (row.resolvedByRun() == null) {
            json.writeNullProperty("resolvedByRun");
        } else {
            json.writeNumberProperty("resolvedByRun", row.resolvedByRun());
        }
        json.writeEndObject();
    }

    @Override
    public void end(ReportTotals totals) {
        json.writeEndArray();
        json.writeNumberProperty("count", totals.rows());
        json.writeNumberProperty("resolvedNotShown", totals.resolvedNotShown());
        json.writeEndObject();
        json.flush();
    }
}
