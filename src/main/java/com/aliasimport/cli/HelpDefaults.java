package com.aliasimport.cli;

import com.aliasimport.config.AliasImportProperties;
import java.util.ListResourceBundle;
import java.util.Locale;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import picocli.CommandLine;

/**
 * The settings the options fall back to, for the commands' help: as configured (application.yml,
 * config/application.yml, the environment, -D options), so that help shows what a run would use. Options name them as
 * {@code ${bundle:sending.rate}}: keys are the settings' names under {@code alias-import}.
 */
final class HelpDefaults extends ListResourceBundle {

    private final AliasImportProperties settings;

    private HelpDefaults(AliasImportProperties settings) {
        this.settings = settings;
    }

    /** Gives {@code cli} and its subcommands the settings of a started application. */
    static CommandLine install(CommandLine cli, AliasImportProperties settings) {
        return cli.setResourceBundle(new HelpDefaults(settings));
    }

    /** Gives {@code cli} and its subcommands the settings as the application would bind them, without starting it. */
    static CommandLine install(CommandLine cli) {
        return install(cli, configured());
    }

    /**
     * The settings bound as Spring Boot binds them at start-up (its config data loading, then the binder), or the
     * built-in defaults when the configuration cannot be read: help must answer even then.
     */
    static AliasImportProperties configured() {
        Bindable<AliasImportProperties> settings = Bindable.of(AliasImportProperties.class);
        try {
            StandardEnvironment environment = new StandardEnvironment();
            ConfigDataEnvironmentPostProcessor.applyTo(environment);
            return Binder.get(environment).bindOrCreate("alias-import", settings);
        } catch (RuntimeException unreadable) {
            return Binder.get(new StandardEnvironment()).bindOrCreate("alias-import", settings);
        }
    }

    @Override
    protected Object[][] getContents() {
        AliasImportProperties.Sending sending = settings.sending();
        AliasImportProperties.Csv csv = settings.csv();
        return new Object[][] {
            {"sending.rate", Integer.toString(sending.rate())},
            {"sending.concurrency", Integer.toString(sending.concurrency())},
            {"sending.chunk-size", Integer.toString(sending.chunkSize())},
            {"csv.delimiter", delimiter(csv.delimiter())},
            {"csv.encoding", csv.encoding()},
            {"http.format", settings.http().format().name().toLowerCase(Locale.ROOT)}
        };
    }

    /** As a person would type it: "," is shown as a comma. */
    private static String delimiter(String value) {
        return switch (value) {
            case "," -> "a comma";
            case ";" -> "a semicolon";
            case "\t", "\\t" -> "tab";
            default -> value;
        };
    }
}
