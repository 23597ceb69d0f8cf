package com.aliasimport.importer;

import com.aliasimport.api.RecordsEndpoint;
import com.aliasimport.config.ApiSettings;
import com.aliasimport.job.SendItem;
import com.aliasimport.job.SendingJob;
import com.aliasimport.mapping.ClassifiedRow;
import com.aliasimport.outcome.FailedRow;
import com.aliasimport.run.ImportRun;
import com.aliasimport.sending.Endpoint;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The import as a sending job: each row is a record (mapping field to value) for the Imports API's records endpoint,
 * and an accepted record keeps nothing beyond its acceptance. A POST whose answer was lost may have been imported.
 */
@Component
public class RecordsJob implements SendingJob<Map<String, String>, Void> {

    @Override
    public ImportRun.Kind kind() {
        return ImportRun.Kind.IMPORT;
    }

    @Override
    public String jobName() {
        return "importJob";
    }

    @Override
    public String stepName() {
        return "sendRows";
    }

    @Override
    public Endpoint<Map<String, String>, Void> endpoint(ApiSettings api) {
        return new RecordsEndpoint(api);
    }

    @Override
    public Map<String, String> values(Map<String, String> record) {
        return record;
    }

    @Override
    public SendItem<Map<String, String>> resend(FailedRow row) {
        return new ClassifiedRow(row.line(), row.record(), null);
    }

    @Override
    public void keep(long runId, long line, Map<String, String> values, Void result) {
        // An accepted record is stored as an accepted row; the API returns nothing more.
    }

    @Override
    public boolean safeToRepeat() {
        return false;
    }
}
