package com.aliasimport.api;

import com.aliasimport.config.ApiSettings;
import com.aliasimport.sending.ApiCall;
import com.aliasimport.sending.Endpoint;
import com.aliasimport.sending.Reply;
import com.aliasimport.sending.Verdict;
import java.util.Map;

/**
 * The Imports API's records endpoint: one record per request (a JSON or form body, POST or PUT), and what its
 * answers mean for the row. 200 accepted; 401 renew the token; 429, 408 and 5xx try again later; a redirect, 403,
 * 404 and 405 are the run's problem (a wrong URL or permission), not the row's; any other 4xx (422 above all)
 * rejects the row with the API's message.
 */
public final class RecordsEndpoint implements Endpoint<Map<String, String>, Void> {

    private final ApiSettings settings;
    private final RecordBody body;
    private final String contentType;

    public RecordsEndpoint(ApiSettings settings) {
        this.settings = settings;
        this.body = new RecordBody(settings.format(), settings.configuration());
        this.contentType = body.contentType().toString();
    }

    @Override
    public ApiCall call(Map<String, String> record) {
        return new ApiCall(
                settings.method().name(), settings.endpoints().importsUrl(), body.encode(record), contentType);
    }

    @Override
    public Verdict<Void> classify(Reply reply) {
        int status = reply.status();
        if (status >= 200 && status < 300) {
            return new Verdict.Done<>(null);
        }
        if (status == 401) {
            return new Verdict.Renew<>();
        }
        if (status == 429 || status == 408 || status >= 500) {
            return new Verdict.Retry<>(
                    status, ApiMessages.parse(status, reply.body()).text());
        }
        if (status >= 300 && status < 400) {
            return new Verdict.Systemic<>("the imports URL " + url() + " redirects (" + status + ") to "
                    + reply.location() + ": set CUSTOMERGAUGE_IMPORTS_URL to the final URL");
        }
        if (status == 403) {
            return new Verdict.Systemic<>("the Imports API answers 403 Forbidden at " + url()
                    + ": the connected app lacks permission for imports");
        }
        if (status == 404) {
            return new Verdict.Systemic<>("the Imports API answers 404 Not Found at " + url()
                    + ": check CUSTOMERGAUGE_REGION or CUSTOMERGAUGE_IMPORTS_URL");
        }
        if (status == 405) {
            return new Verdict.Systemic<>("the Imports API does not accept " + settings.method() + " at " + url()
                    + " (405): set alias-import.http.method");
        }
        ApiMessages.Parsed parsed = ApiMessages.parse(status, reply.body());
        return new Verdict.Rejected<>(status, parsed.text(), parsed.rowSpecific());
    }

    @Override
    public String description() {
        return "the Imports API at " + url();
    }

    @Override
    public String urlSetting() {
        return "CUSTOMERGAUGE_IMPORTS_URL";
    }

    private String url() {
        return settings.endpoints().importsUrl().toString();
    }
}
