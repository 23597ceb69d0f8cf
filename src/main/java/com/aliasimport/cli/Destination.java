package com.aliasimport.cli;

import com.aliasimport.config.AliasImportProperties.Format;
import com.aliasimport.config.ApiEndpoints;
import com.aliasimport.config.ApiSettings;
import com.aliasimport.config.Secret;
import com.aliasimport.config.SettingsResolver;
import com.aliasimport.run.ImportRun;
import com.aliasimport.sandbox.SandboxServer;
import com.aliasimport.sandbox.SandboxSettings;
import java.io.PrintWriter;

/**
 * Where rows go: the configured CustomerGauge tenant, or the built-in sandbox started for this command (closed
 * with the destination). {@code target} names it for the run's identity: a file is imported once per target. The
 * sandbox's banner goes to {@code err}: stdout may carry JSON.
 */
record Destination(ApiSettings api, String target, SandboxServer sandbox) implements AutoCloseable {

    static final String SANDBOX = "sandbox";

    static Destination open(SettingsResolver settings, boolean sandbox, Format format, PrintWriter err) {
        return open(settings, sandbox, format, null, err);
    }

    /** For an import of profile {@code profile}'s data type: a sandbox started with that mapping's fields. */
    static Destination open(
            SettingsResolver settings, boolean sandbox, Format format, String profile, PrintWriter err) {
        if (!sandbox) {
            ApiSettings api = settings.apiSettings(format, profile);
            return new Destination(api, api.endpoints().importsUrl() + " " + api.configuration(), null);
        }
        var mapping = settings.properties().profile(profile);
        SandboxServer server =
                SandboxServer.start(SandboxSettings.defaults().withMapping(mapping.fields(), mapping.required()));
        err.println("sandbox: fake CustomerGauge API at " + server.baseUrl());
        ApiSettings api = settings.sandboxSettings(
                new ApiEndpoints(server.tokenUrl(), server.importsUrl()),
                SandboxSettings.CLIENT_ID,
                Secret.of(SandboxSettings.CLIENT_SECRET),
                SandboxSettings.CONFIGURATION,
                format);
        return new Destination(api, SANDBOX, server);
    }

    /** Where an anonymize check looks keys up: the tenant's v4.1 API, or the built-in sandbox. */
    static Destination openForAnonymize(SettingsResolver settings, boolean sandbox, PrintWriter err) {
        if (!sandbox) {
            ApiSettings api = settings.anonymizeSettings();
            return new Destination(api, api.endpoints().apiUrl().toString(), null);
        }
        SandboxServer server = SandboxServer.start(SandboxSettings.defaults());
        err.println("sandbox: fake CustomerGauge API at " + server.baseUrl());
        ApiSettings api = settings.sandboxSettings(
                new ApiEndpoints(server.tokenUrl(), server.importsUrl(), server.baseUrl()),
                SandboxSettings.CLIENT_ID,
                Secret.of(SandboxSettings.CLIENT_SECRET),
                SandboxSettings.CONFIGURATION,
                null);
        return new Destination(api, SANDBOX, server);
    }

    /** Where a run of {@code kind} sends: the destination its own command would open. */
    static Destination openFor(
            ImportRun.Kind kind, SettingsResolver settings, boolean sandbox, String profile, PrintWriter err) {
        return kind == ImportRun.Kind.CHECK
                ? openForAnonymize(settings, sandbox, err)
                : open(settings, sandbox, null, profile, err);
    }

    @Override
    public void close() {
        if (sandbox != null) {
            sandbox.close();
        }
    }
}
