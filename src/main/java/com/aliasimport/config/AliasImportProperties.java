package com.aliasimport.config;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything a run can be configured with, bound from {@code alias-import.*} (application.yml, config/application.yml
 * in the working directory, environment variables such as {@code CUSTOMERGAUGE_CLIENT_ID}).
 * Checked by {@link SettingsResolver} before anything is sent.
 */
@ConfigurationProperties("alias-import")
public record AliasImportProperties(
        @DefaultValue("eu") String region,
        String clientId,
        String clientSecret,
        /* The inbound mapping reference (a UUID) sent as "configuration" with every record. */
        String configuration,
        URI tokenUrl,
        URI importsUrl,
        @DefaultValue Http http,
        @DefaultValue Sending sending,
        @DefaultValue Mapping mapping,
        @DefaultValue Csv csv,
        /* Where runs journal accepted rows between checkpoints (kept only while a run is unfinished after a crash). */
        @DefaultValue("data/journal") Path journalDir) {

    public enum Format { JSON, FORM }

    public enum Method { POST, PUT }

    /**
     * @param sslBundle the name of a Spring Boot SSL bundle ({@code spring.ssl.bundle.pem.NAME.truststore.certificate})
     *        whose CA is trusted besides the JDK's: for a private CA or a TLS-inspecting proxy; none by default
     */
    public record Http(
            @DefaultValue("POST") Method method,
            @DefaultValue("JSON") Format format,
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("30s") Duration readTimeout,
            String sslBundle) {
    }

    /**
     * How fast and how stubbornly rows are sent.
     *
     * @param rate requests per second across all threads, retries included; 0 means unthrottled
     * @param maxAttempts attempts per row for transient failures (429, 5xx, timeouts, resets), the first included
     * @param failFastAfter the same non-row-specific failure this many times in a row stops the run
     */
    public record Sending(
            @DefaultValue("20") int rate,
            @DefaultValue("128") int concurrency,
            @DefaultValue("200") int chunkSize,
            @DefaultValue("6") int maxAttempts,
            @DefaultValue("500ms") Duration initialBackoff,
            @DefaultValue("30s") Duration maxBackoff,
            @DefaultValue("120s") Duration maxRetryAfter,
            @DefaultValue("10") int failFastAfter) {
    }

    /**
     * The inbound mapping the configuration reference points at, and how CSV columns reach it.
     *
     * @param fields the field names the mapping lists (case sensitive)
     * @param required the fields that must have a value
     * @param columns CSV heading to mapping field, for CRM exports whose headings differ
     * @param ignoreColumns CSV headings to leave out on purpose
     * @param maxLength the longest value accepted, in characters
     */
    public record Mapping(
            @DefaultValue({"Account Name", "Alias"}) List<String> fields,
            @DefaultValue({"Account Name", "Alias"}) List<String> required,
            Map<String, String> columns,
            List<String> ignoreColumns,
            @DefaultValue("128") int maxLength) {

        public Mapping {
            columns = columns == null ? Map.of() : Map.copyOf(columns);
            ignoreColumns = ignoreColumns == null ? List.of() : List.copyOf(ignoreColumns);
        }
    }

    /** How CSV files are read, and how report CSVs are written so that they can be imported as they are. */
    public record Csv(@DefaultValue(",") String delimiter, @DefaultValue("UTF-8") String encoding) {

        /** These settings with the command line's delimiter and encoding, where given. */
        public Csv withOverrides(String delimiter, String encoding) {
            return new Csv(delimiter != null ? delimiter : this.delimiter, encoding != null ? encoding : this.encoding);
        }

        public char delimiterChar() {
            return switch (delimiter) {
                case "\\t", "tab", "TAB" -> '\t';
                default -> {
                    if (delimiter.length() != 1) {
                        throw new ConfigurationException("the CSV delimiter must be one character (or \"tab\"), not"
                                + " \"" + delimiter + "\"");
                    }
                    yield delimiter.charAt(0);
                }
            };
        }

        public Charset charset() {
            try {
                return Charset.forName(encoding);
            } catch (RuntimeException e) {
                throw new ConfigurationException("unknown file encoding \"" + encoding + "\"");
            }
        }
    }
}
