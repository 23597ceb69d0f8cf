package com.aliasimport.anonymize;

import com.aliasimport.config.ApiSettings;
import com.aliasimport.job.SendItem;
import com.aliasimport.job.SendingJob;
import com.aliasimport.outcome.FailedRow;
import com.aliasimport.run.ImportRun;
import com.aliasimport.sending.Endpoint;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The anonymize check as a sending job: each key is a GET to the Anonymize API, and every record it matches is kept
 * in {@code check_result}. A GET changes nothing, so a lost answer only means asking again.
 */
@Component
public class AnonymizeCheckJob implements SendingJob<Key, Answer> {

    private final CheckResultStore results;

    AnonymizeCheckJob(CheckResultStore results) {
        this.results = results;
    }

    @Override
    public ImportRun.Kind kind() {
        return ImportRun.Kind.CHECK;
    }

    @Override
    public String jobName() {
        return "anonymizeCheckJob";
    }

    @Override
    public String stepName() {
        return "checkKeys";
    }

    @Override
    public Endpoint<Key, Answer> endpoint(ApiSettings api) {
        return new AnonymizeEndpoint(api.endpoints().apiUrl());
    }

    @Override
    public Map<String, String> values(Key key) {
        return KeyCheck.values(key);
    }

    @Override
    public SendItem<Key> resend(FailedRow row) {
        return KeyCheck.resend(row);
    }

    @Override
    public void keep(long runId, long line, Map<String, String> values, Answer answer) {
        results.store(runId, line, KeyCheck.keyOf(values), answer);
    }

    @Override
    public boolean safeToRepeat() {
        return true;
    }
}
